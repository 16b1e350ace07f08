/**
 * A scripted chat model behind the OpenAI Chat Completions contract (`POST /v1/chat/completions`, the `openai`
 * SDK's types), for running n8n's AI Agent against the video nodes as tools without a real model.
 *
 * The script is the user's message: a JSON object `{"call": "<tool name>", "arguments": {...}}` makes the
 * model call that tool (it must be among the tools offered); once the tool's result comes back (a `tool`
 * message), the model answers with it as plain text: `<tool name> returned: <the result>`. Any other message is
 * answered with a plain text that says so. Every request is kept (`server.requests`, and `toolResults()`: what
 * the tools gave the model), so a test asserts on what the model received.
 *
 * Streamed (`stream: true`, server-sent events) and plain answers are both served, as the SDK asks.
 */
import { Readable } from 'node:stream';
import type {
	ChatCompletion,
	ChatCompletionChunk,
	ChatCompletionCreateParams,
	ChatCompletionMessageParam,
	ChatCompletionTool,
} from 'openai/resources/chat/completions';

import { FakeServer } from './common/fakeServer';
import type { FakeRequest, Reply } from './common/fakeServer';

export const FAKE_CHAT_API_KEY = 'sk-fake-chat-model-key';

export interface ToolResult {
	/** The tool the model called. */
	tool: string;
	/** The text the tool's result reached the model as. */
	content: string;
}

export interface FakeChatModel {
	readonly server: FakeServer;
	/** http://127.0.0.1:<port>/v1: the credential's Base URL. */
	readonly baseUrl: string;
	readonly apiKey: string;
	/** Every tool result the model was given, in order. */
	toolResults(): ToolResult[];
	close(): Promise<void>;
}

type Answer = { text: string } | { call: { name: string; arguments: string } };

function error(status: number, message: string, code: string | null = null): Reply {
	return { status, json: { error: { message, type: 'invalid_request_error', param: null, code } } };
}

function textOf(message: ChatCompletionMessageParam | undefined): string {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => ('text' in part ? part.text : '')).join('');
	return '';
}

function toolNames(tools: ChatCompletionTool[] | undefined): string[] {
	return (tools ?? []).flatMap((tool) => (tool.type === 'function' ? [tool.function.name] : []));
}

/** The model's next turn: call the tool the user's script names, or report the tool's result. */
function nextAnswer(body: ChatCompletionCreateParams, onToolResult: (result: ToolResult) => void): Answer {
	const last = body.messages[body.messages.length - 1];
	if (last?.role === 'tool') {
		const call = body.messages
			.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []) : []))
			.find((toolCall) => toolCall.id === last.tool_call_id);
		const tool = call && call.type === 'function' ? call.function.name : '(unknown tool call)';
		onToolResult({ tool, content: textOf(last) });
		return { text: `${tool} returned: ${textOf(last)}` };
	}
	const userText = textOf([...body.messages].reverse().find((message) => message.role === 'user'));
	let script: { call?: unknown; arguments?: unknown };
	try {
		script = JSON.parse(userText) as typeof script;
	} catch {
		return { text: 'This scripted model only follows {"call": "<tool>", "arguments": {...}} messages.' };
	}
	const offered = toolNames(body.tools);
	if (typeof script.call !== 'string' || !offered.includes(script.call)) {
		return { text: `No tool "${String(script.call)}" was offered; the tools offered: ${offered.join(', ') || 'none'}.` };
	}
	return { call: { name: script.call, arguments: JSON.stringify(script.arguments ?? {}) } };
}

function completion(body: ChatCompletionCreateParams, answer: Answer, id: string): ChatCompletion {
	const message: ChatCompletion.Choice['message'] =
		'text' in answer
			? { role: 'assistant', content: answer.text, refusal: null }
			: {
					role: 'assistant',
					content: null,
					refusal: null,
					tool_calls: [{ id: `call_${id}`, type: 'function', function: answer.call }],
				};
	return {
		id: `chatcmpl-${id}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices: [{ index: 0, message, finish_reason: 'text' in answer ? 'stop' : 'tool_calls', logprobs: null }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

function chunks(body: ChatCompletionCreateParams, answer: Answer, id: string): ChatCompletionChunk[] {
	const base = {
		id: `chatcmpl-${id}`,
		object: 'chat.completion.chunk' as const,
		created: Math.floor(Date.now() / 1000),
		model: body.model,
	};
	const delta: ChatCompletionChunk.Choice['delta'] =
		'text' in answer
			? { role: 'assistant', content: answer.text }
			: { role: 'assistant', tool_calls: [{ index: 0, id: `call_${id}`, type: 'function', function: answer.call }] };
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'text' in answer ? 'stop' : 'tool_calls' }] },
	];
}

export async function startFakeChatModel(options: { port?: number } = {}): Promise<FakeChatModel> {
	const server = new FakeServer();
	const results: ToolResult[] = [];
	let seq = 0;
	server.route('POST', '/v1/chat/completions', (req: FakeRequest): Reply => {
		if (req.headers.authorization !== `Bearer ${FAKE_CHAT_API_KEY}`) return error(401, 'Incorrect API key provided.', 'invalid_api_key');
		const body = req.json as ChatCompletionCreateParams | undefined;
		if (!body || typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
			return error(400, 'A model and at least one message are required.');
		}
		const answer = nextAnswer(body, (result) => results.push(result));
		const id = String(++seq);
		if (!body.stream) return { status: 200, json: completion(body, answer, id) };
		const events = chunks(body, answer, id).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
		return { status: 200, headers: { 'content-type': 'text/event-stream' }, stream: Readable.from([...events, 'data: [DONE]\n\n']) };
	});
	await server.listen(options.port ?? 0);
	return {
		server,
		baseUrl: `${server.url}/v1`,
		apiKey: FAKE_CHAT_API_KEY,
		toolResults: () => [...results],
		close: () => server.close(),
	};
}
