import { aspectLabel, orientation, sizeLabel } from '../../../nodes/shared/image/sizeLabels';

describe('sizeLabel', () => {
	it('names sizes by their familiar aspect and orientation', () => {
		expect(sizeLabel('1280x720')).toBe('1280×720 · 16:9 landscape');
		expect(sizeLabel('720:1280')).toBe('720×1280 · 9:16 portrait');
		expect(sizeLabel('960:960')).toBe('960×960 · 1:1 square');
		expect(sizeLabel({ width: 1792, height: 1024 })).toBe('1792×1024 · 16:9 landscape');
	});

	it("reads Runway's pixel ratios as the aspect they stand for", () => {
		expect(aspectLabel({ width: 1104, height: 832 })).toBe('4:3');
		expect(aspectLabel({ width: 832, height: 1104 })).toBe('3:4');
		expect(aspectLabel({ width: 1584, height: 672 })).toBe('21:9');
		expect(aspectLabel({ width: 992, height: 432 })).toBe('21:9');
		expect(aspectLabel({ width: 1470, height: 630 })).toBe('21:9');
		expect(aspectLabel({ width: 864, height: 496 })).toBe('16:9');
		expect(aspectLabel({ width: 832, height: 480 })).toBe('16:9');
		expect(aspectLabel({ width: 720, height: 544 })).toBe('4:3');
	});

	it('shows the reduced ratio of a size far from every familiar aspect', () => {
		expect(aspectLabel({ width: 1000, height: 400 })).toBe('5:2');
		expect(orientation({ width: 400, height: 1000 })).toBe('portrait');
	});

	it('leaves a value that is not a size as it is', () => {
		expect(sizeLabel('adaptive')).toBe('adaptive');
	});
});
