import type { INodeProperties } from 'n8n-workflow';

/** The image-fitting parameters the Prepare node and the video nodes' auto-fit share. */

export const fitProperty: INodeProperties = {
	displayName: 'Fit',
	name: 'fit',
	type: 'options',
	options: [
		{ name: 'Crop to Fill (Cover)', value: 'cover', description: 'Fill the whole frame, cropping what sticks out' },
		{ name: 'Pad to Fit (Contain)', value: 'contain', description: 'Show the whole image, adding bars where the shapes differ' },
		{ name: 'Stretch', value: 'fill', description: 'Fill the frame by distorting the image' },
	],
	default: 'cover',
};

export const cropPositionProperty: INodeProperties = {
	displayName: 'Crop Focus',
	name: 'cropPosition',
	type: 'options',
	// The default first, where people look for it; the rest alphabetical.
	// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
	options: [
		{ name: 'Centre', value: 'centre' },
		{ name: 'Bottom', value: 'bottom' },
		{ name: 'Left', value: 'left' },
		{ name: 'Right', value: 'right' },
		{ name: 'Smart: Busiest Region', value: 'entropy', description: 'Keep the part with the most detail' },
		{ name: 'Smart: Salient Region', value: 'attention', description: 'Keep what draws the eye (skin, saturated colour, contrast)' },
		{ name: 'Top', value: 'top' },
	],
	default: 'centre',
	description: 'Which part of the image to keep when cropping',
};

export const backgroundColorProperty: INodeProperties = {
	displayName: 'Background Colour',
	name: 'backgroundColor',
	type: 'color',
	default: '#000000',
	description: 'Colour of the bars (Pad to Fit) and of transparent areas in JPEG output',
};
