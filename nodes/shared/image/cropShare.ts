/**
 * How much of an image a cover crop cuts away, and the warning the output carries when that is a large
 * share (a portrait photo cropped to a landscape strip). n8n-free.
 */
import { cropShare, sizeKey, type Size } from './geometry';

/** Above this share cut away, the output says so. */
export const LARGE_CROP_SHARE = 1 / 3;

/** The warning for a crop that removes more than LARGE_CROP_SHARE of the image; undefined otherwise. */
export function largeCropWarning(image: Size, target: Size): string | undefined {
	const share = cropShare(image, target);
	if (share <= LARGE_CROP_SHARE + 1e-9) return undefined;
	return (
		`Cropping the ${sizeKey(image)} image to ${sizeKey(target)} cut off ${Math.round(share * 100)}% of it. ` +
		'To keep more of it, choose a size closer to its shape (Target: Auto) or Fit: Pad to Fit.'
	);
}
