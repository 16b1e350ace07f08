/** CSS-style hex colours for bars and flattened transparency. */
import { ImageError } from './errors';

export interface RGBA {
	r: number;
	g: number;
	b: number;
	alpha: number;
}

export function parseColour(colour: string): RGBA {
	const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
	if (!hex) {
		throw new ImageError('BAD_OPTION', `"${colour}" is not a colour`, 'Use a hex colour such as #000000 (black) or #ffffff (white).');
	}
	const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
	return {
		r: parseInt(digits.slice(0, 2), 16),
		g: parseInt(digits.slice(2, 4), 16),
		b: parseInt(digits.slice(4, 6), 16),
		alpha: 1,
	};
}
