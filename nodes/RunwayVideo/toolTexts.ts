/**
 * What an AI Agent's model reads about each Runway operation used as a tool, and the tool variant's defaults
 * (inputs by URL, a wait that suits a chat). See nodes/shared/n8n/toolVariant.ts.
 */
import type { ToolTexts } from '../shared/n8n/toolVariant';

const WAIT_AND_RESULT =
	"Costs Runway credits (the price depends on model, duration and resolution). Blocks until the video is ready, usually 1 to 3 minutes, at most this tool's Max Wait (4 minutes unless changed). Returns id (the task ID), status (SUCCEEDED when done), cost ({credits} charged) and link: a signed URL the user can open to watch or download the video (it expires after a while). If the wait ends first, it returns id and status RUNNING with timedOut: true: the video is not lost, check it later with the Runway Get Task tool and that id.";

export const RUNWAY_TOOL: ToolTexts = {
	descriptions: {
		video: {
			imageToVideo: `Makes a short video (a few seconds; the length depends on the model) from one image and a text prompt with Runway. The image must be a public HTTPS URL of a JPEG, PNG or WebP. ${WAIT_AND_RESULT}`,
			textToVideo: `Makes a short video from a text prompt alone with Runway. ${WAIT_AND_RESULT}`,
			videoToVideo: `Restyles or edits an existing video with a text prompt with Runway. The video must be a public HTTPS URL of an MP4, MOV or WebM. ${WAIT_AND_RESULT}`,
			upscaleVideo: `Raises the resolution of a video with Runway. The video must be a public HTTPS URL. ${WAIT_AND_RESULT}`,
			characterPerformance: `Makes a character (an image or video URL) act like a person in a performance video URL with Runway. ${WAIT_AND_RESULT}`,
			videoToHdr: `Upconverts an SDR video (a public HTTPS URL of an MP4, MOV or WebM) to HDR with Runway. ${WAIT_AND_RESULT}`,
			avatarVideo: `Makes a video of a preset or custom Runway avatar speaking a text. ${WAIT_AND_RESULT}`,
			generateVideo: `Makes a video from a prompt (and optionally an image or video URL) with a saved Runway Model Router configuration, which picks the model. ${WAIT_AND_RESULT}`,
		},
		task: {
			getTask:
				'Checks a Runway task by its ID: the "id" a Runway video tool returned (it looks like a UUID). Free. Returns status (PENDING, THROTTLED, RUNNING, SUCCEEDED, FAILED or CANCELLED), progress (0 to 100), cost, and once SUCCEEDED a link the user can open; a FAILED task comes with failureExplanation and advice.',
			cancelTask:
				'Cancels a Runway task that is still running, or deletes a finished one and its video, by the "id" a Runway video tool returned. Cannot be undone; use only when the user asks.',
		},
		organization: {
			getCredits:
				"Returns the Runway account's credit balance and its per-model generation limits. Free; use it to tell the user what they can still afford.",
		},
	},
	defaults: {
		maxWaitMinutes: 4,
		imageSource: 'url',
		videoSource: 'url',
		characterImageSource: 'url',
		characterVideoSource: 'url',
		performanceSource: 'url',
	},
};
