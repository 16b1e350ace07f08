// Removes dist/ so a build never ships files from an older layout.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
