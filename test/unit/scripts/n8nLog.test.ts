import { PassThrough } from 'stream';

const { createLogFilter, pipeLines } = require('../../../scripts/n8nLog.js') as {
	createLogFilter(options?: { now?: () => number }): { line(text: string): string[] };
	pipeLines(stream: NodeJS.ReadableStream, out: NodeJS.WritableStream, filter: { line(text: string): string[] }): void;
};

/** A record as n8n 2.41's JSON log format writes it (seen under `npm start`). */
const record = (message: string, fn = 'defaultReport', level = 'error') =>
	JSON.stringify({
		level,
		message,
		metadata: {
			file: fn === 'defaultReport' ? 'error-reporter.js' : 'workflow-runner.js',
			function: fn,
			timestamp: '2026-12-05T21:59:45.721Z',
		},
	});

describe("npm start's reading of n8n's log (scripts/n8nLog.js)", () => {
	let clock = 0;
	const filter = () => createLogFilter({ now: () => clock });
	const run = (f: ReturnType<typeof filter>, lines: string[]) => lines.flatMap((l) => f.line(l));

	test("a failing item's error once: its cause repeating the message is dropped", () => {
		const message = '".." is not a video ID: ".." would address another endpoint (item 1, field "Video ID")';
		expect(run(filter(), [record(message), record(message)])).toEqual([message]);
	});

	test('a plain Error cause: the message once, no stack', () => {
		const message = 'Item 1 has no binary field "nope"';
		const cause = `${message}\nError: ${message}\n    at readBinaryField (/x/node_modules/n8n-nodes-ai-video/dist/nodes/shared/n8n/binary.js:12:9)\n    at Object.execute (/x/a.js:1:1)\n`;
		expect(run(filter(), [record(message), record(cause)])).toEqual([message]);
	});

	test('the same error again later (another run) shows again', () => {
		const f = filter();
		expect(run(f, [record('Bad ratio'), record('Bad ratio')])).toEqual(['Bad ratio']);
		clock += 60_000;
		expect(run(f, [record('Bad ratio')])).toEqual(['Bad ratio']);
	});

	test("n8n's race on a run that ends at once is dropped, stack and all", () => {
		const stack =
			'No active execution found\nError: No active execution found\n    at ActiveExecutions.getExecutionOrFail (/n8n/src/active-executions.ts:433:10)\n    at WorkflowRunner.run (/n8n/src/workflow-runner.ts:500:53)\n';
		expect(run(filter(), [record(stack), record('There was an error in the post-execution promise', 'run')])).toEqual([]);
	});

	test('a crash keeps its stack: a TypeError, also when it is the cause of a node error with the same message', () => {
		const message = "Cannot read properties of undefined (reading 'width')";
		const stack = `TypeError: ${message}\n    at fit (/x/dist/nodes/shared/image/fit.js:40:22)`;
		expect(run(filter(), [record(message), record(`${message}\n${stack}\n`)])).toEqual([message, stack]);
		expect(run(filter(), [record(`${message}\n${stack}`)])).toEqual([message, stack]);
	});

	test("other records print their message, as n8n's text format does; lines that are not records go through", () => {
		expect(run(filter(), [record('Last session crashed', 'init', 'warn')])).toEqual(['Last session crashed']);
		expect(run(filter(), ['Error: something Node printed itself', '    at x (y.js:1:1)', '{"not":"a record"}'])).toEqual([
			'Error: something Node printed itself',
			'    at x (y.js:1:1)',
			'{"not":"a record"}',
		]);
	});

	test('pipeLines joins chunks into lines and prints the last one without a newline too', async () => {
		const input = new PassThrough();
		const out = new PassThrough();
		let printed = '';
		out.on('data', (d: Buffer) => (printed += d.toString()));
		pipeLines(input, out, createLogFilter());
		const line = record('Ratio "999:1" is not available');
		input.write(line.slice(0, 20));
		input.write(`${line.slice(20)}\n${line}\nplain`);
		input.end();
		await new Promise((resolve) => input.on('end', resolve));
		await new Promise((resolve) => setImmediate(resolve));
		expect(printed).toBe('Ratio "999:1" is not available\nplain\n');
	});
});
