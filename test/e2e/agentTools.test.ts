/**
 * The video nodes as AI Agent tools in a real n8n 2.x: example 09 (Chat -> AI Agent with the Runway and Sora
 * tools), its chat replaced by a Manual Trigger and scripted messages, runs an Agent against a scripted chat
 * model (test/fakes/chatModel.ts) that calls one tool per conversation and answers with what it returned.
 * Asserted is what the model received: a link the user can open and the cost, no file downloaded, an invalid
 * argument answered with the allowed values, and Prepare Image not offered as a tool.
 */
import * as fs from 'fs';
import * as path from 'path';

import { fakeCredentials, startFakes, type Fakes } from '../../scripts/fakes';
import { startFakeChatModel, type FakeChatModel } from '../fakes/chatModel';
import { FIRST_TIMEOUT_MS, PACKAGE, TIMEOUT_MS, createN8n, nodeOutput } from './harness';
import type { N8nE2e, RunResult, Workflow } from './harness';

jest.setTimeout(TIMEOUT_MS);

const EXAMPLE = path.join(__dirname, '../../examples/ai-agent/09-chat-agent-video-tools.json');
const IMAGE_URL = 'https://images.example.com/cat.jpg';

let n8n: N8nE2e;
let fakes: Fakes;
let chat: FakeChatModel;

type Node = { name: string; type: string; parameters: Record<string, unknown>; [key: string]: unknown };
type AgentWorkflow = { id: string; name: string; nodes: Node[]; connections: Record<string, unknown>; [key: string]: unknown };

/** One chat message per conversation: the scripted model calls `tool` with `args`. */
function say(tool: string, args: Record<string, unknown>): string {
	return JSON.stringify({ call: tool, arguments: args });
}

const MESSAGES = [
	say('Runway_Image_to_Video', { imageUrl: IMAGE_URL, prompt: 'The cat yawns', ratio: '1280:720', duration: 5 }),
	say('Sora_Generate', { prompt: 'A paper boat drifts on a pond' }),
	say('Runway_Image_to_Video', { imageUrl: IMAGE_URL, prompt: 'The cat yawns', ratio: '16:9', duration: 5 }),
];

/** Example 09 with its Chat Trigger replaced by Run Once -> the scripted messages, one item each. */
function exampleWorkflow(): AgentWorkflow {
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as AgentWorkflow;
	const trigger = example.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	if (!trigger) throw new Error('example 09 has no Chat Trigger');
	const nodes: Node[] = example.nodes.filter((node) => node !== trigger);
	nodes.push(
		{ id: 'run', name: 'Run Once', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-600, 0], parameters: {} },
		{
			id: 'messages',
			name: 'Chat Messages',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [-400, 0],
			parameters: { jsCode: `return ${JSON.stringify(MESSAGES)}.map((chatInput) => ({ json: { chatInput, sessionId: 'e2e' } }));` },
		},
	);
	const connections = { ...example.connections } as Record<string, unknown>;
	connections['Run Once'] = { main: [[{ node: 'Chat Messages', type: 'main', index: 0 }]] };
	connections['Chat Messages'] = connections[trigger.name];
	delete connections[trigger.name];
	return { ...example, id: 'e2eAgentTools', nodes, connections };
}

/** An Agent offered Prepare Image for Video as a tool, as a workflow saved before it stopped being one would. */
function prepareImageToolWorkflow(): AgentWorkflow {
	const base = exampleWorkflow();
	const keep = new Set(['Run Once', 'Chat Messages', 'AI Agent', 'OpenAI Chat Model']);
	const nodes = base.nodes.filter((node) => keep.has(node.name));
	nodes.push({
		id: 'prepare',
		name: 'Prepare Image',
		type: `${PACKAGE}.prepareImageForVideoTool`,
		typeVersion: 1.1,
		position: [0, 260],
		parameters: {},
	});
	const connections = Object.fromEntries(Object.entries(base.connections).filter(([name]) => keep.has(name)));
	connections['Prepare Image'] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return { ...base, id: 'e2eAgentPrepareTool', name: 'e2e Agent with Prepare Image as a tool', nodes, connections };
}

beforeAll(async () => {
	fakes = await startFakes({ ports: { sora: 0, runway: 0, telegram: 0 } });
	chat = await startFakeChatModel();
	n8n = createN8n({ N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2' });
	await n8n.importCredentials([
		...fakeCredentials(fakes),
		{ id: 'openAiAccount', name: 'OpenAI account', type: 'openAiApi', data: { apiKey: chat.apiKey, url: chat.baseUrl, header: false } },
	]);
	await n8n.importWorkflows([exampleWorkflow(), prepareImageToolWorkflow()] as Workflow[]);
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	await fakes?.close();
	await chat?.close();
	n8n?.cleanup();
});

describe('the video nodes as AI Agent tools in a real n8n', () => {
	let run: RunResult;
	let results: Array<{ tool: string; content: string }>;

	beforeAll(async () => {
		run = await n8n.executeWorkflow('e2eAgentTools');
		results = chat.toolResults();
	});

	it('runs the Agent for every message, each conversation calling its tool once', () => {
		expect([run.status, run.error?.message]).toEqual(['success', undefined]);
		expect(results.map((result) => result.tool)).toEqual(['Runway_Image_to_Video', 'Sora_Generate', 'Runway_Image_to_Video']);
		const answers = nodeOutput(run, 'AI Agent').map((item) => String(item.json.output));
		expect(answers).toHaveLength(3);
		answers.forEach((answer, index) => expect(answer).toBe(`${results[index].tool} returned: ${results[index].content}`));
	});

	it('Runway: the model gets the task id, its status, the credits charged and a link the user can open', () => {
		const [task] = JSON.parse(results[0].content) as Array<Record<string, unknown>>;
		expect(task).toMatchObject({ status: 'SUCCEEDED', succeeded: true });
		expect(fakes.runway.tasks.has(String(task.id))).toBe(true);
		expect(task.cost).toEqual({ credits: expect.any(Number) });
		expect((task.cost as { credits: number }).credits).toBeGreaterThan(0);
		expect(task.link).toBe(task.videoUrl);
		expect(String(task.link)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.mp4/);
		expect(String(task.note)).toContain('Give the user the link');
	});

	it('Sora: the model gets the video id and is told plainly that the file needs the key, and how to fetch it', () => {
		const [video] = JSON.parse(results[1].content) as Array<Record<string, unknown>>;
		expect(video).toMatchObject({ status: 'completed', link: null });
		expect(String(video.id)).toMatch(/^video_/);
		expect(String(video.note)).toContain('API key');
		expect(String(video.note)).toContain(`"Download" operation and that ID`);
		expect(String(video.note)).toContain(String(video.id));
	});

	it('nothing is downloaded: no output file fetched from either API, nothing in binary storage', () => {
		expect(fakes.runway.server.requests.filter((request) => request.method === 'GET' && /\/outputs\//.test(request.path))).toEqual([]);
		expect(fakes.sora.server.requests.filter((request) => /\/content$/.test(request.path))).toEqual([]);
		const stored = path.join(n8n.userFolder, '.n8n', 'storage', 'workflows', 'e2eAgentTools');
		const files = fs.existsSync(stored)
			? fs
					.readdirSync(stored, { recursive: true })
					.map(String)
					.filter((f) => f.includes('binary_data/'))
			: [];
		expect(files).toEqual([]);
	});

	it('an invalid argument comes back as an error that names the allowed values and the fix', () => {
		// n8n hands a failed tool call to the model as [{"error": <the message>}]: the description is dropped
		const [answer] = JSON.parse(results[2].content) as Array<{ error?: string }>;
		expect(answer.error).toMatch(
			/^Ratio "16:9" is not available for gen4_turbo image to video \(field "Ratio"\)\. Use one of: 1280:720, 720:1280, /,
		);
		expect(answer.error).not.toMatch(/item \d/i);
		// nothing was started for it
		expect(fakes.runway.creates).toBe(1);
	});

	it('the model reads tool descriptions that say what a call costs, how long it blocks and what it returns', () => {
		const first = chat.server.requests.find((request) => request.path === '/v1/chat/completions');
		const tools = (first?.json as { tools?: Array<{ function: { name: string; description: string } }> }).tools ?? [];
		const described = Object.fromEntries(tools.map((tool) => [tool.function.name, tool.function.description]));
		expect(Object.keys(described).sort()).toEqual(['Runway_Get_Task', 'Runway_Image_to_Video', 'Sora_Generate', 'Sora_Get']);
		expect(described.Runway_Image_to_Video).toMatch(/credits/);
		expect(described.Runway_Image_to_Video).toMatch(/Max Wait \(4 minutes/);
		expect(described.Runway_Image_to_Video).toMatch(/link/);
		expect(described.Runway_Get_Task).toMatch(/the "id" a Runway video tool returned/);
		expect(described.Sora_Generate).toMatch(/no link a user can open/);
	});
});

describe('Prepare Image for Video is not offered as a tool', () => {
	// A workflow saved with it as a tool (where it always failed: a tool call carries no image) stops before
	// anything runs, with n8n's own words; no run JSON comes out, so the CLI's output is read.
	it(
		'n8n refuses a workflow that still has it as a tool, before anything runs',
		async () => {
			const before = chat.server.requests.length;
			const result = await n8n.cli(['execute', '--id=e2eAgentPrepareTool', '--rawOutput']);
			expect(result.code).toBe(1);
			expect(result.stdout).toContain('Node cannot be used as a tool');
			expect(chat.server.requests.length).toBe(before);
		},
		2 * TIMEOUT_MS,
	);
});
