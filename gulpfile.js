const { src, dest, parallel, task } = require('gulp');

// tsc compiles only .ts; the node and credential icons must be copied next to the compiled files.
const copyNodeIcons = () => src('nodes/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/nodes'));
const copyCredentialIcons = () => src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(dest('dist/credentials'));

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons));
