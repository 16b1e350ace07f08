/** The fake Sora's public types: its options, the records it keeps, the Video object it answers (test/fakes/sora.ts starts it). */
import type { FakeServer } from './common/fakeServer';
import type { DemoSegment } from './common/video';

export type SoraStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

export interface SoraVideoError {
	code: string;
	message: string;
}

/** One step of a scripted status sequence: a status, or a status with details. */
export type SoraStep =
	| SoraStatus
	| {
			status: SoraStatus;
			/** 0..100; defaults: queued 0, in_progress 50, completed 100, failed the previous step's. */
			progress?: number;
			/** Stay on this (last, non-terminal) step for ever: the stuck-at-99% job. */
			forever?: boolean;
			/** For `failed`; defaults to a generic error. */
			error?: SoraVideoError;
	  };

export interface FakeSoraOptions {
	/** The accepted key (default FAKE_SORA_KEY). */
	apiKey?: string;
	/** 'bearer': `Authorization: Bearer <key>` (OpenAI). 'api-key': `api-key: <key>` (Azure). Default 'bearer'. */
	authStyle?: 'bearer' | 'api-key';
	/** Query parameters every request must carry, e.g. `{ 'api-version': 'preview' }` (missing -> 404, wrong -> 400). */
	requiredQuery?: Record<string, string>;
	/** Where `/v1` lives (default '/v1'; e.g. '/openai/v1' for an Azure-like gateway). */
	prefix?: string;
	/** Request bodies over this many bytes get 413 (default 4 MiB). */
	maxBodyBytes?: number;
	/** Model ids a gateway routes besides sora-2 / sora-2-pro; they accept every documented size. */
	extraModels?: string[];
	/** Accept seconds '16' and '20', which OpenAI's guide lists and its SDK does not (default false). */
	allowLongSeconds?: boolean;
	/** Accept 1920x1080 and 1080x1920 for sora-2-pro and extra models, as OpenAI's guide (not its SDK) does (default false). */
	allowGuideSizes?: boolean;
	/** Headers a gateway wants besides the key (e.g. `{ 'cf-aig-authorization': 'Bearer ...' }`): missing or wrong -> 401. */
	requiredHeaders?: Record<string, string>;
	/** Model ids `GET /models` lists (default: extraModels, a chat model, then the Sora models); null: no such route (404). */
	models?: string[] | null;
	/** Serve this many synthetic bytes (fakeVideoStream) for `variant=video`; default: a playable MP4 (common/video.ts). */
	videoBytes?: number;
	/** How many `GET /videos/{id}` it takes to advance one step (default 1). */
	pollsPerStage?: number;
	/** Value of the `openai-poll-after-ms` header on retrieve (default 1000; null: no header). */
	pollAfterMs?: number | null;
	/**
	 * 'litellm': behave as LiteLLM 1.82.1's /v1/videos in front of this fake (test/fakes/soraGateway.ts): ids
	 * wrapped in base64 (`/`, `+`, `=`), the create's id routes while the ids a Get, Remix or List answers do not
	 * (500 when used); Delete, edits, extensions and characters 405; the list 400; an `input_reference` object in
	 * multipart (bracket keys) 400 unknown parameter, in JSON 500; `variant` ignored; no poll hint; no `prompt`.
	 */
	gateway?: 'litellm';
	port?: number;
}

/** The `Video` object (§A.4): every field present, nullable ones null. */
export interface SoraVideoObject {
	id: string;
	object: 'video';
	model: string;
	status: SoraStatus;
	progress: number;
	created_at: number;
	completed_at: number | null;
	expires_at: number | null;
	prompt: string | null;
	size: string;
	seconds: string;
	remixed_from_video_id: string | null;
	error: SoraVideoError | null;
}

/** What the fake saw of an `input_reference`. */
export interface SoraInputReference {
	/** 'file': a multipart file part; 'data_url' / 'image_url' / 'file_id': the JSON object form. */
	source: 'file' | 'data_url' | 'image_url' | 'file_id';
	filename?: string;
	/** The file part's content type, or the data URL's media type. */
	contentType?: string;
	/** The https URL (not kept for data: URLs, see `bytes`). */
	url?: string;
	fileId?: string;
	/** Read with sharp from the decoded image (file and data_url only). */
	width?: number;
	height?: number;
	format?: string;
	/** The image's size in bytes (file and data_url only). */
	bytes?: number;
	/** EXIF orientation, if the image carries one. */
	orientation?: number;
}

/** A received file part, as kept in `SoraVideoRecord.fields`. */
export interface SoraReceivedFile {
	filename?: string;
	contentType?: string;
	bytes: number;
}

export interface SoraVideoRecord {
	id: string;
	/** 'create': POST /videos; 'remix': POST /videos/{id}/remix; 'edit': POST /videos/edits; 'extend': POST /videos/extensions. */
	kind: 'create' | 'remix' | 'edit' | 'extend';
	encoding: 'json' | 'multipart';
	/** The fields as received: JSON values, multipart text values (strings) and file parts (SoraReceivedFile). */
	fields: Record<string, unknown>;
	model: string;
	size: string;
	seconds: string;
	prompt: string;
	/** What the video shows, part by part: one prompt for its whole length, or an extension's source parts and then its own. */
	segments: DemoSegment[];
	inputReference?: SoraInputReference;
	remixedFromVideoId: string | null;
	/** The video an edit or extension started from, when given by id. */
	sourceVideoId?: string;
	/** The video file an edit or extension uploaded instead. */
	videoUpload?: SoraReceivedFile;
	/** OpenAI-Organization / OpenAI-Project headers of the creating request. */
	organization?: string;
	project?: string;
	/** The status sequence this video follows. */
	steps: SoraStepSpec[];
	/** Successful `GET /videos/{id}` so far. */
	polls: number;
	/** Seed of its fakeVideoStream (check bytes with fakeVideoByte(offset, seed)). */
	seed: number;
	createdAt: number;
	completedAt: number | null;
	expiresAt: number | null;
	deleted: boolean;
}

export interface SoraCharacterRecord {
	id: string;
	name: string;
	created_at: number;
	video: SoraReceivedFile;
	encoding: 'json' | 'multipart';
	/** The fields as received (see SoraVideoRecord.fields). */
	fields: Record<string, unknown>;
}

export interface SoraStepSpec {
	status: SoraStatus;
	progress: number;
	forever: boolean;
	error: SoraVideoError | null;
}

export interface FakeSora {
	/** http://127.0.0.1:<port> */
	readonly url: string;
	/** url + prefix: what the node's Base URL credential field holds. */
	readonly baseUrl: string;
	readonly server: FakeServer;
	readonly apiKey: string;
	/** Accepted POST /videos. */
	readonly creates: number;
	/** Accepted POST /videos/{id}/remix. */
	readonly remixes: number;
	/** Accepted POST /videos/edits and POST /videos/extensions. */
	readonly edits: number;
	readonly extensions: number;
	readonly videos: Map<string, SoraVideoRecord>;
	/** Characters made with POST /videos/characters, by id. */
	readonly characters: Map<string, SoraCharacterRecord>;
	/** The status sequence of the next created (or remixed) video; calls queue up, one per video. */
	script(steps: SoraStep[]): void;
	/** The Video object as the API would show it now, without counting a poll. */
	view(id: string): SoraVideoObject | undefined;
	/** A video's record by the id a client holds: its own, or (gateway mode) any id the gateway made for it. */
	record(id: string): SoraVideoRecord | undefined;
	close(): Promise<void>;
}
