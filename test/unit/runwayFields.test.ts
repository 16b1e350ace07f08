/**
 * The field table (nodes/RunwayVideo/models/fields.ts) against the model table and the node's description: every
 * request field a model takes has a row saying where an item sets it, every row's UI entry carries the row's
 * label, and the object types a custom model's references get agree with what the models' rules say.
 */
import type { INodeProperties } from 'n8n-workflow';

import { RunwayVideo } from '../../nodes/RunwayVideo/RunwayVideo.node';
import { FIELDS, fieldOfOption } from '../../nodes/RunwayVideo/models/fields';
import { ROUTER_INPUT } from '../../nodes/RunwayVideo/models/router';
import { modelsFor, rulesFor } from '../../nodes/RunwayVideo/models/table';
import type { Endpoint } from '../../nodes/RunwayVideo/models/types';
import { ENDPOINT_PATHS } from '../../nodes/RunwayVideo/models/types';

const ENDPOINTS = Object.keys(ENDPOINT_PATHS) as Endpoint[];
/** Body fields each operation fills from its own inputs (images, videos, the avatar and its speech), not from a field row. */
const INPUTS = ['promptImage', 'promptVideo', 'videoUri', 'character', 'reference', 'avatar', 'speech'];
const properties = new RunwayVideo().description.properties;
const optionsOf = (operation: string): INodeProperties[] =>
	properties
		.filter((p) => p.name === 'options' && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation))
		.flatMap((p) => (p.options ?? []) as INodeProperties[]);

describe('Runway field table', () => {
	test.each(ENDPOINTS)('every field a %s model takes has a row naming its parameter or Options entry', (endpoint) => {
		const missing = modelsFor(endpoint).flatMap((model) =>
			rulesFor(endpoint, model)!
				.fields.filter((field) => !INPUTS.includes(field))
				.filter((field) => !FIELDS[field] || (!FIELDS[field].parameter && !FIELDS[field].option))
				.map((field) => `${model}: ${field}`),
		);
		expect(missing).toEqual([]);
	});

	test('every field the Model Router takes has a row (its label is the one messages use)', () => {
		expect(ROUTER_INPUT.fields.filter((field) => !FIELDS[field])).toEqual([]);
	});

	test.each(ENDPOINTS)('%s: each Options entry that holds a field is named as its row says, with its label', (endpoint) => {
		const entries = optionsOf(endpoint).filter((entry) => fieldOfOption(entry.name));
		for (const entry of entries) expect(entry.displayName).toBe(FIELDS[fieldOfOption(entry.name)!].label);
		// Each field a model of the operation takes in Options is offered there (in each version's Options).
		const taken = new Set(
			modelsFor(endpoint).flatMap((model) => rulesFor(endpoint, model)!.fields.filter((field) => FIELDS[field]?.option)),
		);
		expect([...new Set(entries.map((entry) => fieldOfOption(entry.name)))].sort()).toEqual([...taken].sort());
	});

	test('URL lists say what their files are; a custom model gets the object type the models use', () => {
		for (const [field, row] of Object.entries(FIELDS).filter(([, r]) => r.kind === 'urls')) {
			expect([field, row.media]).toEqual([field, expect.stringMatching(/^(image|video|audio)$/)]);
			const typed = ENDPOINTS.flatMap((endpoint) =>
				modelsFor(endpoint).map((model) => rulesFor(endpoint, model)!.nested?.[`${field}.type`]?.[0]),
			).filter(Boolean);
			for (const type of new Set(typed)) expect([field, type]).toEqual([field, row.objectType]);
		}
	});

	test('labels are unique where an item sets a field (messages name one parameter)', () => {
		const labels = Object.values(FIELDS)
			.filter((row) => row.parameter || row.option)
			.map((row) => row.label);
		expect(labels.filter((label, index) => labels.indexOf(label) !== index)).toEqual([]);
	});
});
