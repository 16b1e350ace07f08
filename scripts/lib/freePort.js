'use strict';
/* A free TCP port on 127.0.0.1, for a server started next (n8n, its task broker, the fakes, services). */

const net = require('net');

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

module.exports = { freePort };
