'use strict';
/*
 * What `npm start` shows of n8n's log. n8n runs with N8N_LOG_FORMAT=json; each record is printed the way n8n's
 * own text format prints it (the message alone), with two things n8n does when no Sentry DSN is set, which
 * made every failing item show two or three times in the terminal:
 *
 * - Its error reporter (@n8n/core ErrorReporter.defaultReport) logs a failed node's error and then each of its
 *   causes, with its stack. A node error made from a message has a cause with that same message, so the
 *   message came twice; where the cause is a plain Error, a stack followed. Here an error shows once, as its
 *   first line; a repeat of the line just reported (its cause) is dropped. A stack is kept for programming
 *   errors only (TypeError, ReferenceError, ...): a crash, which the reader needs to find.
 * - A manual run that ends at once (n8n refuses a workflow whose parameters have issues, or its first node
 *   fails) is gone from n8n's active executions when n8n asks for its result: it logs "No active execution
 *   found" with a stack and "There was an error in the post-execution promise". The execution is saved and shown
 *   in the editor as usual; both lines are dropped.
 *
 * Lines that are not n8n's JSON records (a crash printed by Node itself) go through unchanged.
 */

/** Errors whose stack is worth printing: bugs, not a node refusing its input or an API's answer. */
const PROGRAMMING_ERROR = /^\s*(TypeError|ReferenceError|RangeError|SyntaxError|EvalError|URIError|AssertionError)\b/;
/** Within this time a reported line equal to the one before is that error's cause. */
const SAME_REPORT_MS = 2000;
const RACE_LINES = ['No active execution found', 'There was an error in the post-execution promise'];

/** A stateful filter: `line(text)` returns the lines to print for one line of n8n's output. */
function createLogFilter({ now = () => Date.now() } = {}) {
	let last = { message: '', at: -Infinity };
	return {
		line(text) {
			let record;
			try {
				record = JSON.parse(text);
			} catch {
				return [text];
			}
			if (!record || typeof record !== 'object' || typeof record.message !== 'string' || typeof record.level !== 'string') return [text];
			const [first, ...rest] = record.message.split('\n');
			if (RACE_LINES.includes(first)) return [];
			if (record.metadata?.function !== 'defaultReport') return [record.message];
			const stack = rest.join('\n').trim();
			const keepStack = PROGRAMMING_ERROR.test(stack) ? [stack] : [];
			const repeat = first === last.message && now() - last.at < SAME_REPORT_MS;
			last = { message: first, at: now() };
			return repeat ? keepStack : [first, ...keepStack];
		},
	};
}

/** Prints `stream`'s lines through `filter` to `out`. */
function pipeLines(stream, out, filter) {
	let pending = '';
	const print = (lines) => {
		for (const line of lines) out.write(`${line}\n`);
	};
	stream.setEncoding('utf8');
	stream.on('data', (chunk) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop();
		for (const line of lines) print(filter.line(line));
	});
	stream.on('end', () => {
		if (pending) print(filter.line(pending));
	});
}

module.exports = { createLogFilter, pipeLines };
