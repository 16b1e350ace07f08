/**
 * A stand-in for n8n's IExecuteFunctions, for running a node's execute() under jest through REAL HTTP.
 *
 * What is real: parameter resolution (n8n-workflow's own NodeHelpers.getNodeParameters, so defaults and
 * displayOptions behave as in n8n), the HTTP requests (axios, as n8n's request helper uses, with the same
 * option mapping: ignoreHttpStatusErrors, returnFullResponse, encoding 'stream', abort signal), the
 * credential's own `authenticate` definition, and binary data written to and read from disk the way n8n's
 * filesystem mode does. What is not: expressions in parameters are not evaluated (tests pass plain values),
 * and there is no workflow around the node. The end-to-end tests run the same nodes in a real n8n.
 */
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeParameters,
} from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError, deepCopy } from 'n8n-workflow';

export interface CredentialSetup {
	type: ICredentialType;
	data: ICredentialDataDecryptedObject;
}

export interface ContextOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials?: Record<string, CredentialSetup>;
	continueOnFail?: boolean;
	/** The node's "On Error" setting, e.g. 'continueErrorOutput' (continueOnFail must be true as well, as n8n makes it). */
	onError?: INode['onError'];
	/** Abort this to simulate the user stopping the execution. */
	cancel?: AbortController;
	/** Receives the node's log lines as they are written (e.g. to act at a precise point of a run). */
	logs?: string[];
	/** The node's version in the workflow (default: the newest), e.g. to run a workflow saved with an older one. */
	typeVersion?: number;
}

export interface TestContext {
	context: IExecuteFunctions;
	/** Every request the node made, with the headers it sent (for checking that no secret leaks elsewhere). */
	requests: Array<{ method: string; url: string; headers: Record<string, string> }>;
	/** Log lines the node wrote through this.logger. */
	logs: string[];
	/** Reads a binary the node produced. */
	readBinary(binary: IBinaryData): Buffer;
	binaryDir: string;
}

let binaryRoot: string | undefined;
function binaryDirectory(): string {
	binaryRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ai-video-binary-'));
	return binaryRoot;
}

/** Puts a file into the same place prepareBinaryData would, and returns the item's binary entry. */
export async function binaryFromBuffer(data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> {
	return await storeBinary(data, fileName, mimeType);
}

async function storeBinary(data: Buffer | Readable, fileName?: string, mimeType?: string): Promise<IBinaryData> {
	const id = randomUUID();
	const file = path.join(binaryDirectory(), id);
	if (Buffer.isBuffer(data)) fs.writeFileSync(file, data);
	else await pipeline(data, fs.createWriteStream(file));
	const size = fs.statSync(file).size;
	const extension = fileName?.includes('.') ? fileName.split('.').pop() : undefined;
	return {
		data: 'filesystem-v2',
		id: `filesystem-v2:${id}`,
		mimeType: mimeType ?? 'application/octet-stream',
		fileName,
		fileExtension: extension,
		fileSize: `${size} B`,
		bytes: size,
	} as IBinaryData;
}

function binaryPath(binary: IBinaryData): string {
	if (!binary.id) return '';
	return path.join(binaryDirectory(), binary.id.replace(/^filesystem-v2:/, ''));
}

function resolveTemplate(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

async function authenticate(setup: CredentialSetup, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const auth = setup.type.authenticate;
	if (!auth) return options;
	if (typeof auth === 'function') return await auth(setup.data, options);
	const result = { ...options, headers: { ...options.headers }, qs: { ...options.qs } };
	for (const [name, value] of Object.entries(auth.properties.headers ?? {})) {
		result.headers[name] = resolveTemplate(value, setup.data) as string;
	}
	for (const [name, value] of Object.entries(auth.properties.qs ?? {})) {
		result.qs[name] = resolveTemplate(value, setup.data) as string;
	}
	return result;
}

export function createContext(options: ContextOptions): TestContext {
	const description = options.nodeType.description;
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-ai-video.${description.name}`,
		typeVersion: options.typeVersion ?? (Array.isArray(description.version) ? Math.max(...description.version) : description.version),
		position: [0, 0],
		parameters: options.parameters,
		...(options.onError ? { onError: options.onError } : {}),
	};
	const resolved = NodeHelpers.getNodeParameters(description.properties, options.parameters, true, false, node, description) ?? {};
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const requests: TestContext['requests'] = [];
	const logs: string[] = options.logs ?? [];
	const cancel = options.cancel ?? new AbortController();

	const send = async (opts: IHttpRequestOptions) => {
		const url = new URL(opts.url, opts.baseURL);
		for (const [key, value] of Object.entries(opts.qs ?? {})) {
			if (value !== undefined) url.searchParams.set(key, String(value));
		}
		const headers: Record<string, string> = { 'User-Agent': 'n8n' };
		for (const [key, value] of Object.entries(opts.headers ?? {})) if (value !== undefined) headers[key] = String(value);
		if (opts.json && !Object.keys(headers).some((h) => h.toLowerCase() === 'accept')) headers.Accept = 'application/json';
		requests.push({ method: opts.method ?? 'GET', url: url.toString(), headers });
		try {
			const response = await axios.request({
				url: url.toString(),
				method: opts.method ?? 'GET',
				headers,
				data: opts.body === undefined || (opts.method ?? 'GET') === 'GET' ? undefined : opts.body,
				responseType: opts.encoding ?? 'json',
				transformResponse: opts.json || opts.encoding === 'json' ? undefined : (body) => body,
				validateStatus: opts.ignoreHttpStatusErrors ? () => true : undefined,
				signal: cancel.signal,
				timeout: opts.timeout,
				maxBodyLength: Infinity,
				maxContentLength: Infinity,
				maxRedirects: opts.disableFollowRedirect ? 0 : 5,
				proxy: false,
			});
			return opts.returnFullResponse
				? { body: response.data, headers: response.headers, statusCode: response.status, statusMessage: response.statusText }
				: response.data;
		} catch (error) {
			throw new NodeApiError(node, error as never);
		}
	};

	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => cancel.signal,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			void itemIndex;
			const value = name.split('.').reduce<unknown>((object, key) => (object as IDataObject | undefined)?.[key], resolved);
			if (value === undefined) {
				// As in n8n: an undefined fallback is no fallback (the parameter is then required).
				if (fallback !== undefined) return fallback;
				throw new NodeOperationError(node, `Could not get parameter "${name}"`);
			}
			return deepCopy(value as never);
		},
		async getCredentials(type: string) {
			const setup = options.credentials?.[type];
			if (!setup) throw new NodeOperationError(node, `Node does not have credentials of type "${type}"`);
			return setup.data;
		},
		logger: {
			debug: (message: string) => logs.push(`debug ${message}`),
			info: (message: string) => logs.push(`info ${message}`),
			warn: (message: string) => logs.push(`warn ${message}`),
			error: (message: string) => logs.push(`error ${message}`),
		},
		sendMessageToUI: () => undefined,
		helpers: {
			async httpRequest(opts: IHttpRequestOptions) {
				return await send(opts);
			},
			async httpRequestWithAuthentication(type: string, opts: IHttpRequestOptions) {
				const setup = options.credentials?.[type];
				if (!setup) throw new NodeOperationError(node, `Node does not have credentials of type "${type}"`);
				return await send(await authenticate(setup, { ...opts }));
			},
			async getBinaryDataBuffer(itemIndex: number, field: string) {
				const binary = items[itemIndex].binary?.[field];
				if (!binary) throw new NodeOperationError(node, `No binary data "${field}" on item ${itemIndex}`);
				return binary.id ? fs.readFileSync(binaryPath(binary)) : Buffer.from(binary.data, 'base64');
			},
			assertBinaryData(itemIndex: number, field: string) {
				const binary = items[itemIndex].binary?.[field];
				if (!binary) throw new NodeOperationError(node, `No binary data "${field}" on item ${itemIndex}`);
				return binary;
			},
			async prepareBinaryData(data: Buffer | Readable, fileName?: string, mimeType?: string) {
				return await storeBinary(data, fileName, mimeType);
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	} as unknown as IExecuteFunctions;

	return {
		context,
		requests,
		logs,
		binaryDir: binaryDirectory(),
		readBinary: (binary) => (binary.id ? fs.readFileSync(binaryPath(binary)) : Buffer.from(binary.data, 'base64')),
	};
}

/** Runs the node's execute() against the context and returns the first output's items. */
export async function execute(options: ContextOptions): Promise<{ output: INodeExecutionData[]; test: TestContext }> {
	const test = createContext(options);
	const result = await options.nodeType.execute!.call(test.context);
	return { output: (result as INodeExecutionData[][])[0], test };
}
