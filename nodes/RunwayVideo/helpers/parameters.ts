/**
 * How the create operations name their parameters, where the descriptions (actions/) and the reading
 * (helpers/create.ts) both need the names. n8n-free.
 */
import type { Endpoint } from '../models/types';

/** The Model parameter's value for a model typed by the user, whose id is in CUSTOM_MODEL_ID. */
export const CUSTOM_MODEL = 'custom';
export const CUSTOM_MODEL_ID = 'customModel';

/** The Model parameter of an operation: `model` in version 1 and for Image to Video, `<operation>Model` from 1.1. */
export function modelParameter(endpoint: Endpoint, version: number): string {
	return version >= 1.1 && endpoint !== 'imageToVideo' ? `${endpoint}Model` : 'model';
}

/** The three parameters of an input file: where it comes from (binary field or URL), the field, the URL. */
export interface SourceParameters {
	source: string;
	binaryField: string;
	url: string;
}

/** An input's parameters, named after it: `<name>Source`, `<name>BinaryPropertyName`, `<name>Url`. */
export function sourceParameters(name: string): SourceParameters {
	return { source: `${name}Source`, binaryField: `${name}BinaryPropertyName`, url: `${name}Url` };
}

/** Image to Video's (and the Model Router's) first image, whose field parameter predates that naming. */
export const IMAGE_PARAMETERS: SourceParameters = { source: 'imageSource', binaryField: 'binaryPropertyName', url: 'imageUrl' };
