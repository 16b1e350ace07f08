/**
 * The bodies the Runway Video node sends for every model of the three generation endpoints with its defaults
 * plus a prompt (test/node/runway/everyModel.test.ts compares what the fake received with these), and for Video
 * to HDR, Avatar Video and the Model Router (test/node/runway/newOperations.test.ts, test/e2e/runway.test.ts).
 * Each is typed with the pinned @runwayml/sdk's params type, so the compiler refuses a body the SDK would not
 * take: a wrong ratio, duration or field fails `npm test` (its `tsc -p tsconfig.test.json` step, before any
 * test runs) and `npm run typecheck`. ts-jest alone would not: it compiles each file on its own, unchecked.
 */
import type { AvatarVideoCreateParams } from '@runwayml/sdk/resources/avatar-videos';
import type { CharacterPerformanceCreateParams } from '@runwayml/sdk/resources/character-performance';
import type { VideoCreateParams as RouterCreateParams } from '@runwayml/sdk/resources/generate/video';
import type { ImageToVideoCreateParams } from '@runwayml/sdk/resources/image-to-video';
import type { TextToVideoCreateParams } from '@runwayml/sdk/resources/text-to-video';
import type { VideoToHdrCreateParams } from '@runwayml/sdk/resources/video-to-hdr';
import type { VideoUpscaleCreateParams } from '@runwayml/sdk/resources/video-upscale';
import type { VideoToVideoCreateParams } from '@runwayml/sdk/resources/video-to-video';

export const PROMPT = 'A slow push-in on the subject';
/** Stand-ins for the media URIs (data URIs of the test's photo and video). */
export const IMAGE = 'IMAGE';
export const VIDEO = 'VIDEO';

/** Checks at compile time that `body` is a `T`; returns it unchanged. */
export function asSdk<T>(body: T): T {
	return body;
}

const IMAGE_TO_VIDEO: Record<string, ImageToVideoCreateParams> = {
	gen4_turbo: asSdk<ImageToVideoCreateParams>({
		model: 'gen4_turbo',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '832:1104',
		duration: 5,
	}),
	'gen4.5': asSdk<ImageToVideoCreateParams>({ model: 'gen4.5', promptImage: IMAGE, promptText: PROMPT, ratio: '832:1104', duration: 5 }),
	'veo3.1': asSdk<ImageToVideoCreateParams>({ model: 'veo3.1', promptImage: IMAGE, promptText: PROMPT, ratio: '720:1280', duration: 8 }),
	'veo3.1_fast': asSdk<ImageToVideoCreateParams>({
		model: 'veo3.1_fast',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '720:1280',
		duration: 8,
	}),
	seedance2: asSdk<ImageToVideoCreateParams>({
		model: 'seedance2',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '834:1112',
		duration: 5,
	}),
	seedance2_fast: asSdk<ImageToVideoCreateParams>({
		model: 'seedance2_fast',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '834:1112',
		duration: 5,
	}),
	seedance2_mini: asSdk<ImageToVideoCreateParams>({
		model: 'seedance2_mini',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '834:1112',
		duration: 5,
	}),
	seedance2_5: asSdk<ImageToVideoCreateParams>({
		model: 'seedance2_5',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '834:1112',
		duration: 5,
	}),
	hailuo3: asSdk<ImageToVideoCreateParams>({ model: 'hailuo3', promptImage: IMAGE, promptText: PROMPT, ratio: 'adaptive', duration: 5 }),
	happyhorse_1_0: asSdk<ImageToVideoCreateParams>({ model: 'happyhorse_1_0', promptImage: IMAGE, promptText: PROMPT, duration: 5 }),
	gemini_omni_flash: asSdk<ImageToVideoCreateParams>({
		model: 'gemini_omni_flash',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '720:1280',
		duration: 5,
	}),
	'gemini_omni_flash_1.1': asSdk<ImageToVideoCreateParams>({
		model: 'gemini_omni_flash_1.1',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: '720:1280',
		duration: 5,
	}),
	grok_imagine_1_5: asSdk<ImageToVideoCreateParams>({ model: 'grok_imagine_1_5', promptImage: IMAGE, promptText: PROMPT, duration: 5 }),
	wan3: asSdk<ImageToVideoCreateParams>({ model: 'wan3', promptImage: IMAGE, promptText: PROMPT, ratio: 'auto_720p', duration: 5 }),
	wan3_prime: asSdk<ImageToVideoCreateParams>({
		model: 'wan3_prime',
		promptImage: IMAGE,
		promptText: PROMPT,
		ratio: 'auto_720p',
		duration: 5,
	}),
	h3_max: asSdk<ImageToVideoCreateParams>({ model: 'h3_max', promptImage: IMAGE, promptText: PROMPT, duration: 5 }),
};

const TEXT_TO_VIDEO: Record<string, TextToVideoCreateParams> = {
	'gen4.5': asSdk<TextToVideoCreateParams>({ model: 'gen4.5', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	'veo3.1': asSdk<TextToVideoCreateParams>({ model: 'veo3.1', promptText: PROMPT, ratio: '1280:720', duration: 8 }),
	'veo3.1_fast': asSdk<TextToVideoCreateParams>({ model: 'veo3.1_fast', promptText: PROMPT, ratio: '1280:720', duration: 8 }),
	seedance2: asSdk<TextToVideoCreateParams>({ model: 'seedance2', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	seedance2_fast: asSdk<TextToVideoCreateParams>({ model: 'seedance2_fast', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	seedance2_mini: asSdk<TextToVideoCreateParams>({ model: 'seedance2_mini', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	seedance2_5: asSdk<TextToVideoCreateParams>({ model: 'seedance2_5', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	hailuo3: asSdk<TextToVideoCreateParams>({ model: 'hailuo3', promptText: PROMPT, ratio: '16:9', duration: 5 }),
	happyhorse_1_0: asSdk<TextToVideoCreateParams>({ model: 'happyhorse_1_0', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	gemini_omni_flash: asSdk<TextToVideoCreateParams>({ model: 'gemini_omni_flash', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	'gemini_omni_flash_1.1': asSdk<TextToVideoCreateParams>({
		model: 'gemini_omni_flash_1.1',
		promptText: PROMPT,
		ratio: '1280:720',
		duration: 5,
	}),
	grok_imagine_1_5: asSdk<TextToVideoCreateParams>({ model: 'grok_imagine_1_5', promptText: PROMPT, ratio: '16:9', duration: 5 }),
	wan3: asSdk<TextToVideoCreateParams>({ model: 'wan3', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	wan3_prime: asSdk<TextToVideoCreateParams>({ model: 'wan3_prime', promptText: PROMPT, ratio: '1280:720', duration: 5 }),
	h3_max: asSdk<TextToVideoCreateParams>({ model: 'h3_max', promptText: PROMPT, duration: 5 }),
};

const VIDEO_TO_VIDEO: Record<string, VideoToVideoCreateParams> = {
	aleph2: asSdk<VideoToVideoCreateParams>({ model: 'aleph2', videoUri: VIDEO, promptText: PROMPT }),
	seedance2: asSdk<VideoToVideoCreateParams>({ model: 'seedance2', promptVideo: VIDEO, promptText: PROMPT, duration: 5 }),
	seedance2_fast: asSdk<VideoToVideoCreateParams>({ model: 'seedance2_fast', promptVideo: VIDEO, promptText: PROMPT, duration: 5 }),
	seedance2_mini: asSdk<VideoToVideoCreateParams>({ model: 'seedance2_mini', promptVideo: VIDEO, promptText: PROMPT, duration: 5 }),
	seedance2_5: asSdk<VideoToVideoCreateParams>({ model: 'seedance2_5', promptVideo: VIDEO, promptText: PROMPT, duration: 5 }),
	hailuo3: asSdk<VideoToVideoCreateParams>({ model: 'hailuo3', promptVideo: VIDEO, promptText: PROMPT, ratio: 'adaptive', duration: 5 }),
	gemini_omni_flash: asSdk<VideoToVideoCreateParams>({ model: 'gemini_omni_flash', videoUri: VIDEO, promptText: PROMPT }),
	'gemini_omni_flash_1.1': asSdk<VideoToVideoCreateParams>({
		model: 'gemini_omni_flash_1.1',
		videoUri: VIDEO,
		promptText: PROMPT,
		duration: 5,
	}),
};

/** From node version 1.1 Video to Video leaves an optional duration to the model ("Model's Default"): none is sent. */
const VIDEO_TO_VIDEO_1_1: Record<string, VideoToVideoCreateParams> = {
	aleph2: VIDEO_TO_VIDEO.aleph2,
	seedance2: asSdk<VideoToVideoCreateParams>({ model: 'seedance2', promptVideo: VIDEO, promptText: PROMPT }),
	seedance2_fast: asSdk<VideoToVideoCreateParams>({ model: 'seedance2_fast', promptVideo: VIDEO, promptText: PROMPT }),
	seedance2_mini: asSdk<VideoToVideoCreateParams>({ model: 'seedance2_mini', promptVideo: VIDEO, promptText: PROMPT }),
	seedance2_5: asSdk<VideoToVideoCreateParams>({ model: 'seedance2_5', promptVideo: VIDEO, promptText: PROMPT }),
	hailuo3: asSdk<VideoToVideoCreateParams>({ model: 'hailuo3', promptVideo: VIDEO, promptText: PROMPT, ratio: 'adaptive' }),
	gemini_omni_flash: VIDEO_TO_VIDEO.gemini_omni_flash,
	'gemini_omni_flash_1.1': asSdk<VideoToVideoCreateParams>({ model: 'gemini_omni_flash_1.1', videoUri: VIDEO, promptText: PROMPT }),
};

/** The newest node version's default bodies; `DEFAULT_BODIES_V1`: a node saved with version 1. */
export const DEFAULT_BODIES = { imageToVideo: IMAGE_TO_VIDEO, textToVideo: TEXT_TO_VIDEO, videoToVideo: VIDEO_TO_VIDEO_1_1 };
export const DEFAULT_BODIES_V1 = { imageToVideo: IMAGE_TO_VIDEO, textToVideo: TEXT_TO_VIDEO, videoToVideo: VIDEO_TO_VIDEO };

export const AUDIO = 'AUDIO';
export const SPEECH = 'Hello from Runway';
export const ROUTER_CONFIG = 'video-default';

/** Video to HDR, Avatar Video and the Model Router: the node's defaults, and each output format or input form. */
export const NEW_OPERATION_BODIES = {
	videoToHdr: asSdk<VideoToHdrCreateParams>({ model: 'ruby', videoUri: VIDEO }),
	videoToHdrProres: asSdk<VideoToHdrCreateParams>({ model: 'ruby', videoUri: VIDEO, outputFormat: 'hdr_prores', proresProfile: '4444' }),
	videoToHdrExr: asSdk<VideoToHdrCreateParams>({ model: 'ruby', videoUri: VIDEO, outputFormat: 'hdr_exr_acescg_sequence_1_3' }),
	avatarVideo: asSdk<AvatarVideoCreateParams>({
		model: 'gwm1_avatars',
		avatar: { type: 'runway-preset', presetId: 'influencer' },
		speech: { type: 'text', text: SPEECH },
	}),
	avatarVideoVoice: asSdk<AvatarVideoCreateParams>({
		model: 'gwm1_avatars',
		avatar: { type: 'custom', avatarId: 'av_123' },
		speech: { type: 'text', text: SPEECH, voice: { type: 'preset', presetId: 'clara' } },
	}),
	avatarVideoAudio: asSdk<AvatarVideoCreateParams>({
		model: 'gwm1_avatars',
		avatar: { type: 'runway-preset', presetId: 'tennis-coach' },
		speech: { type: 'audio', audio: AUDIO },
	}),
	generateVideo: asSdk<RouterCreateParams>({ configId: ROUTER_CONFIG, input: { promptText: PROMPT } }),
	generateVideoImage: asSdk<RouterCreateParams>({
		configId: ROUTER_CONFIG,
		input: {
			promptText: PROMPT,
			aspectRatio: '9:16',
			resolution: '720p',
			duration: 5,
			audio: false,
			referenceImages: [{ role: 'first', uri: IMAGE }],
		},
	}),
	generateVideoSource: asSdk<RouterCreateParams>({
		configId: ROUTER_CONFIG,
		input: { promptText: PROMPT, referenceVideos: [{ role: 'source', uri: VIDEO }] },
	}),
};

/** One SDK-typed body per create request the node offers, by path below /v1/ (the contract tests send them to the fake). */
export const ONE_BODY_PER_PATH: Record<string, object> = {
	image_to_video: IMAGE_TO_VIDEO.gen4_turbo,
	text_to_video: TEXT_TO_VIDEO['gen4.5'],
	video_to_video: VIDEO_TO_VIDEO.aleph2,
	video_upscale: asSdk<VideoUpscaleCreateParams>({ model: 'magnific_video_upscaler_creative', videoUri: VIDEO }),
	character_performance: asSdk<CharacterPerformanceCreateParams>({
		model: 'act_two',
		character: { type: 'image', uri: IMAGE },
		reference: { type: 'video', uri: VIDEO },
	}),
	video_to_hdr: NEW_OPERATION_BODIES.videoToHdr,
	avatar_videos: NEW_OPERATION_BODIES.avatarVideo,
	'generate/video': NEW_OPERATION_BODIES.generateVideo,
};

/** A body with its placeholders (IMAGE, VIDEO, AUDIO) replaced by HTTPS URLs a fake takes without fetching them. */
export function withUrls<T>(body: T): T {
	return JSON.parse(
		JSON.stringify(body).replace(
			/"(IMAGE|VIDEO|AUDIO)"/g,
			(_, kind: string) => `"https://cdn.example.com/${{ IMAGE: 'photo.jpg', VIDEO: 'clip.mp4', AUDIO: 'speech.mp3' }[kind]}"`,
		),
	) as T;
}

// The check can fail: these are bodies the SDK refuses (the compiler errors if it ever accepts them).
// @ts-expect-error gen4_turbo takes no 1920:1080
asSdk<ImageToVideoCreateParams>({ model: 'gen4_turbo', promptImage: IMAGE, ratio: '1920:1080' });
// @ts-expect-error veo3 is no longer a model
asSdk<TextToVideoCreateParams>({ model: 'veo3', promptText: PROMPT, ratio: '1280:720', duration: 8 });
// @ts-expect-error ruby has no sdr_rec709_10bit delivery
asSdk<VideoToHdrCreateParams>({ model: 'ruby', videoUri: VIDEO, outputFormat: 'sdr_rec709_10bit' });
// @ts-expect-error a router's input has no ratio (it takes aspectRatio)
asSdk<RouterCreateParams>({ configId: ROUTER_CONFIG, input: { ratio: '1280:720' } });
