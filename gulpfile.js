const { src, dest, task } = require('gulp');

// tsc compiles only .ts; the node and credential icons must be copied next to the compiled files.
function copyIcons() {
	src('nodes/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/nodes'));
	return src('credentials/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/credentials'));
}

task('build:icons', copyIcons);
