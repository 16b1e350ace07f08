/**
 * The fake Telegram Bot API holds the contract the workflows rely on, over real HTTP (global fetch,
 * FormData, Blob): token in the path, parameters from query, form, JSON or multipart, files by file_path,
 * uploads recorded byte for byte, 401 / 400 / 413 in the Bot API's error shape, and webhook delivery.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	FAKE_TELEGRAM_TOKEN,
	TELEGRAM_UPLOAD_LIMIT_BYTES,
	startFakeTelegram,
	type FakeTelegram,
	type FakeTelegramOptions,
} from '../../fakes/telegram';

const fakes: FakeTelegram[] = [];
const servers: http.Server[] = [];

async function start(options?: FakeTelegramOptions): Promise<FakeTelegram> {
	const fake = await startFakeTelegram(options);
	fakes.push(fake);
	return fake;
}

afterEach(async () => {
	await Promise.all(fakes.splice(0).map((fake) => fake.close()));
	await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Res {
	status: number;
	body: any;
	headers: Headers;
}

async function call(
	fake: FakeTelegram,
	method: string,
	init: { json?: unknown; form?: FormData; query?: string; urlencoded?: string; token?: string } = {},
): Promise<Res> {
	const headers: Record<string, string> = {};
	let body: FormData | string | undefined;
	if (init.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(init.json);
	} else if (init.form) {
		body = init.form;
	} else if (init.urlencoded !== undefined) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = init.urlencoded;
	}
	const response = await fetch(`${fake.url}/bot${init.token ?? fake.token}/${method}${init.query ?? ''}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers,
		body,
	});
	const text = await response.text();
	return { status: response.status, body: JSON.parse(text), headers: response.headers };
}

function video(bytes: number): Buffer {
	const data = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i++) data[i] = (i * 7 + 3) & 0xff;
	return data;
}

describe('fake Telegram Bot API', () => {
	it('answers getMe with the bot, and 401 in the Bot API shape for a wrong token', async () => {
		const fake = await start();
		expect(fake.token).toBe(FAKE_TELEGRAM_TOKEN);
		const me = await call(fake, 'getMe');
		expect(me.status).toBe(200);
		expect(me.body).toMatchObject({ ok: true, result: { is_bot: true, id: 7000000001, username: 'ai_video_fake_bot' } });

		const wrong = await call(fake, 'getMe', { token: '7000000001:AAwrongwrongwrongwrongwrongwrongwro' });
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
		expect((await call(fake, 'noSuchMethod')).body).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
	});

	it('serves a file by getFile (query, JSON or form parameters) and its file_path', async () => {
		const photo = Buffer.from('\xff\xd8\xff\xe0 not really a jpeg, but bytes', 'latin1');
		const fake = await start({ files: { AgACphoto1: { data: photo, filePath: 'photos/file_7.jpg' } } });

		for (const init of [{ query: '?file_id=AgACphoto1' }, { json: { file_id: 'AgACphoto1' } }, { urlencoded: 'file_id=AgACphoto1' }]) {
			const res = await call(fake, 'getFile', init);
			expect(res.status).toBe(200);
			expect(res.body).toEqual({
				ok: true,
				result: { file_id: 'AgACphoto1', file_unique_id: expect.any(String), file_size: photo.length, file_path: 'photos/file_7.jpg' },
			});
		}
		const download = await fetch(`${fake.url}/file/bot${fake.token}/photos/file_7.jpg`);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);

		expect((await fetch(`${fake.url}/file/botWRONG:token/photos/file_7.jpg`)).status).toBe(404);
		expect((await fetch(`${fake.url}/file/bot${fake.token}/photos/other.jpg`)).status).toBe(404);
		const unknown = await call(fake, 'getFile', { json: { file_id: 'nope' } });
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
		expect((await call(fake, 'getFile')).body.description).toBe('Bad Request: file_id is empty');
	});

	it('records a multipart sendVideo: file name, content type, bytes, chat_id and caption', async () => {
		const fake = await start();
		const bytes = video(300_000);
		const form = new FormData();
		form.append('chat_id', '424242');
		form.append('caption', 'Your video');
		form.append('video', new Blob([bytes], { type: 'video/mp4' }), 'clip.mp4');
		const waiting = fake.nextSent();
		const res = await call(fake, 'sendVideo', { form });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			ok: true,
			result: {
				chat: { id: 424242, type: 'private' },
				caption: 'Your video',
				video: { file_name: 'clip.mp4', mime_type: 'video/mp4', file_size: bytes.length },
			},
		});
		const sent = await waiting;
		expect(sent).toMatchObject({ method: 'sendVideo', encoding: 'multipart', chatId: '424242', caption: 'Your video' });
		expect(sent.file).toMatchObject({ field: 'video', fileName: 'clip.mp4', contentType: 'video/mp4', bytes: bytes.length });
		expect(sent.file!.data.equals(bytes)).toBe(true);
		expect(sent.params.video).toBe('<clip.mp4>');
		expect(fake.sent).toEqual([sent]);
	});

	it('takes sendDocument and sendMessage as JSON, and a video by file_id or URL', async () => {
		const fake = await start({ files: { known: { data: Buffer.from('x') } } });
		const message = await call(fake, 'sendMessage', { json: { chat_id: 5, text: 'Working on it' } });
		expect(message.body).toMatchObject({ ok: true, result: { text: 'Working on it', chat: { id: 5 } } });
		const byUrl = await call(fake, 'sendVideo', { json: { chat_id: '@my_channel', video: 'https://example.com/v.mp4' } });
		expect(byUrl.body).toMatchObject({ ok: true, result: { chat: { type: 'channel' }, video: { file_id: expect.any(String) } } });
		const byId = await call(fake, 'sendDocument', { json: { chat_id: '5', document: 'known' } });
		expect(byId.status).toBe(200);
		expect(fake.sent.map((s) => [s.method, s.encoding, s.chatId, s.text ?? s.reference])).toEqual([
			['sendMessage', 'json', '5', 'Working on it'],
			['sendVideo', 'json', '@my_channel', 'https://example.com/v.mp4'],
			['sendDocument', 'json', '5', 'known'],
		]);
		expect(fake.sent.every((s) => s.file === undefined)).toBe(true);
	});

	it('refuses what the Bot API refuses, recording nothing', async () => {
		const fake = await start();
		const cases: Array<[string, { json?: unknown; form?: FormData }, string]> = [
			['sendVideo', { json: { video: 'https://example.com/v.mp4' } }, 'Bad Request: chat_id is empty'],
			['sendVideo', { json: { chat_id: 1 } }, 'Bad Request: there is no video in the request'],
			['sendVideo', { json: { chat_id: 1, video: 'not-a-file-id' } }, 'Bad Request: wrong file identifier/HTTP URL specified'],
			['sendMessage', { json: { chat_id: 1, text: '  ' } }, 'Bad Request: message text is empty'],
			['sendMessage', { json: { chat_id: 'not a chat', text: 'hi' } }, 'Bad Request: chat not found'],
		];
		const emptyVideo = new FormData();
		emptyVideo.append('chat_id', '1');
		emptyVideo.append('video', new Blob([]), 'empty.mp4');
		cases.push(['sendVideo', { form: emptyVideo }, 'Bad Request: file must be non-empty']);
		for (const [method, init, description] of cases) {
			const res = await call(fake, method, init);
			expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { ok: false, error_code: 400, description } });
		}
		expect(fake.sent).toEqual([]);
	});

	it('answers 413 to an upload over 50 MB, like the Bot API', async () => {
		const fake = await start();
		const form = new FormData();
		form.append('chat_id', '1');
		form.append('video', new Blob([Buffer.alloc(TELEGRAM_UPLOAD_LIMIT_BYTES + 1)], { type: 'video/mp4' }), 'big.mp4');
		const res = await call(fake, 'sendVideo', { form });
		expect(res.status).toBe(413);
		expect(res.body).toEqual({ ok: false, error_code: 413, description: 'Request Entity Too Large' });
		expect(fake.sent).toEqual([]);
	});

	it('keeps a webhook and delivers updates to it with the secret token header', async () => {
		const received: Array<{ secret?: string; body: any }> = [];
		const hook = http.createServer((req, res) => {
			let data = '';
			req.on('data', (chunk) => (data += chunk));
			req.on('end', () => {
				received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, body: JSON.parse(data) });
				res.writeHead(200).end('{}');
			});
		});
		servers.push(hook);
		await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
		const hookUrl = `http://localhost:${(hook.address() as AddressInfo).port}/webhook/abc/webhook`;

		let delivered!: () => void;
		const autoDelivered = new Promise<void>((resolve) => (delivered = resolve));
		const fake = await start({
			files: { p1: { data: Buffer.from('img') } },
			autoUpdate: { update: () => fake.photoUpdate('p1', { caption: 'make it move' }), delayMs: 10 },
		});
		const originalPush = fake.pushUpdate.bind(fake);
		fake.pushUpdate = async (update) => {
			const result = await originalPush(update);
			delivered();
			return result;
		};

		expect((await call(fake, 'getWebhookInfo')).body.result.url).toBe('');
		const set = await call(fake, 'setWebhook', { json: { url: hookUrl, secret_token: 'n8n_secret-1', allowed_updates: ['message'] } });
		expect(set.body).toEqual({ ok: true, result: true });
		expect((await call(fake, 'getWebhookInfo', { json: {} })).body.result).toMatchObject({ url: hookUrl, allowed_updates: ['message'] });

		await autoDelivered;
		expect(fake.deliveries).toEqual([{ url: hookUrl, status: 200 }]);
		expect(received).toHaveLength(1);
		expect(received[0].secret).toBe('n8n_secret-1');
		expect(received[0].body.message).toMatchObject({ chat: { id: 424242 }, caption: 'make it move' });
		expect(received[0].body.message.photo).toHaveLength(4);
		expect(received[0].body.message.photo[2].file_id).toBe('p1');

		const bad = await call(fake, 'setWebhook', { json: { url: hookUrl, secret_token: 'no spaces allowed' } });
		expect(bad.body.description).toBe('Bad Request: secret token contains unallowed characters');
		expect((await call(fake, 'deleteWebhook', { json: {} })).body).toEqual({ ok: true, result: true });
		expect(fake.webhook).toBeUndefined();
		await expect(fake.pushUpdate({})).rejects.toThrow(/No webhook/);
	});
});
