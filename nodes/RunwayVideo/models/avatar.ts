/**
 * Avatar Video's choices (`POST /v1/avatar_videos`, model gwm1_avatars), per `@runwayml/sdk` 4.20.1: Runway's
 * preset avatars and TTS voices, and the `type` of each object the body carries. test/contract/runway.test.ts
 * compares them with the SDK's `AvatarVideoCreateParams`. n8n-free.
 */

/** Runway's preset avatars: id -> the name the picker shows. */
export const AVATAR_PRESETS: Readonly<Record<string, string>> = {
	'game-character': 'Game Character',
	'music-superstar': 'Music Superstar',
	'game-character-man': 'Game Character (Man)',
	'cat-character': 'Cat Character',
	influencer: 'Influencer',
	'tennis-coach': 'Tennis Coach',
	'human-resource': 'Human Resources',
	'fashion-designer': 'Fashion Designer',
	'cooking-teacher': 'Cooking Teacher',
};

/** Runway's preset TTS voices (ids; the picker shows them capitalised). */
export const VOICE_PRESETS: readonly string[] = [
	'victoria',
	'vincent',
	'clara',
	'drew',
	'skye',
	'max',
	'morgan',
	'felix',
	'mia',
	'marcus',
	'summer',
	'ruby',
	'aurora',
	'jasper',
	'leo',
	'adrian',
	'nina',
	'emma',
	'blake',
	'david',
	'maya',
	'nathan',
	'sam',
	'georgia',
	'petra',
	'adam',
	'zach',
	'violet',
	'roman',
	'luna',
];

/** The enumerated values inside the body's `avatar` and `speech` objects, by dotted path. */
export const AVATAR_NESTED: Readonly<Record<string, readonly string[]>> = {
	'avatar.presetId': Object.keys(AVATAR_PRESETS),
	'avatar.type': ['runway-preset', 'custom'],
	'speech.type': ['audio', 'text'],
	'speech.voice.presetId': VOICE_PRESETS,
	'speech.voice.type': ['preset', 'custom'],
};
