/**
 * What an AI Agent's model reads about each Sora Video operation used as a tool, and the tool variant's
 * defaults (a wait that suits a chat). See nodes/shared/n8n/toolVariant.ts.
 */
import type { ToolTexts } from '../shared/n8n/toolVariant';

const PAID =
	"Costs money on the account behind the API (priced per second of video; this API does not report the cost). Blocks until the video is ready, often 1 to 5 minutes, at most this tool's Max Wait (4 minutes unless changed).";
const RESULT =
	'Returns id (the video ID, like video_68d7...), status (completed when done), model, seconds and size. There is no link a user can open: the file needs the API key. Give the user the video ID; a workflow fetches the file with the Sora Video Download operation. If the wait ends first, it returns id with timedOut: true: the video is not lost, check it later with the Sora Get tool and that id.';

export const SORA_TOOL: ToolTexts = {
	descriptions: {
		video: {
			generate: `Makes a short video from a text prompt (optionally guided by an image URL) with the OpenAI Videos API (Sora or the model behind the gateway). ${PAID} ${RESULT}`,
			remix: `Makes a new video from a completed one, by its video ID (the "id" an earlier Sora tool call returned), with a new prompt. ${PAID} ${RESULT}`,
			edit: `Changes a completed video, by its video ID (the "id" an earlier Sora tool call returned), following a prompt. ${PAID} ${RESULT}`,
			extend: `Continues a completed video, by its video ID (the "id" an earlier Sora tool call returned), by some seconds following a prompt. ${PAID} ${RESULT}`,
			get: 'Checks a video by its ID: the "id" a Sora tool returned (like video_68d7...). Free. Returns status (queued, in_progress, completed or failed) and progress (0 to 100); a failed video comes with error and errorExplanation. A completed video has no link a user can open (the file needs the API key): give the user its ID.',
			download:
				'Confirms a completed video is ready to fetch, by the "id" a Sora tool returned. A tool cannot hand files over: it returns the video\'s facts and how a workflow fetches the file. Free.',
			list: 'Lists the videos of the account, newest first, with their IDs and status. Free.',
			delete:
				'Deletes a completed or failed video and its files, by the "id" a Sora tool returned. Cannot be undone; use only when the user asks.',
			createCharacter:
				'Makes a reusable character from a short video clip. The clip must come from the workflow as a file, which a tool call cannot carry.',
			getCharacter: 'Gets a character by the ID Create Character returned. Free.',
		},
	},
	defaults: { maxWaitMinutes: 4 },
};
