/** The SDK type reader itself: what the contract tests build on must read the SDKs right. */
import { SdkTypes, admits, discriminant, literals, nestedEnums, propertyPaths, setDiff, valuePaths } from './sdkTypes';

describe('SdkTypes', () => {
	const runway = new SdkTypes('@runwayml/sdk/resources/image-to-video');
	const openai = new SdkTypes('openai/resources/videos');

	it('reads a union of per-model objects with their literal fields', () => {
		const members = runway.members('ImageToVideoCreateParams');
		const models = members.map((m) => discriminant(m, 'model'));
		expect(models).toContain('gen4_turbo');
		const gen45 = members[models.indexOf('gen4.5')];
		expect(gen45.props.duration.optional).toBe(false);
		expect(gen45.props.seed.optional).toBe(true);
		expect(literals(gen45.props.ratio.type)).toContain('1280:720');
		expect(gen45.props.duration.doc).toMatch(/integer/);
	});

	it('reads open string unions and plain literal unions', () => {
		const model = openai.shape('VideoModel');
		expect(admits(model, 'string')).toBe(true);
		expect(literals(model)).toContain('sora-2');
		expect(admits(openai.shape('VideoSize'), 'string')).toBe(false);
		expect(Object.keys(openai.object('VideoCreateParams').props)).toContain('prompt');
	});

	it('names what it cannot find', () => {
		expect(() => openai.shape('NoSuchType')).toThrow('openai/resources/videos exports no type NoSuchType');
	});

	it('words set differences from both sides', () => {
		expect(setDiff('models', 'node', ['a', 'b'], 'SDK', ['b', 'c'])).toEqual(['models: only in node: a', 'models: only in SDK: c']);
		expect(setDiff('models', 'node', ['a'], 'SDK', ['a'])).toEqual([]);
	});

	it('reads enums nested in object fields, and property paths through maps and arrays', () => {
		const gen45 = runway.members('ImageToVideoCreateParams').find((m) => discriminant(m, 'model') === 'gen4.5')!;
		expect(nestedEnums(gen45.props.contentModeration.type, 'contentModeration')).toEqual({
			'contentModeration.publicFigureThreshold': ['auto', 'low'],
		});
		const organization = new SdkTypes('@runwayml/sdk/resources/organization/organization').shape('OrganizationRetrieveResponse');
		expect(propertyPaths(organization)).toEqual(
			expect.arrayContaining(['creditBalance', 'tier.models.*.maxDailyGenerations', 'usage.models.*.dailyGenerations']),
		);
		expect(propertyPaths(organization, '', { requiredOnly: true }).sort()).toEqual([
			'creditBalance',
			'tier',
			'tier.maxMonthlyCreditSpend',
			'tier.models',
			'usage',
			'usage.models',
		]);
		expect(valuePaths({ output: ['a.mp4'], tier: { models: { gen4_turbo: { maxDailyGenerations: 2 } } } }, ['tier.models']).sort()).toEqual(
			['output', 'tier', 'tier.models', 'tier.models.*', 'tier.models.*.maxDailyGenerations'],
		);
	});
});
