#pragma once

namespace laso::testing {

// A TCP port on 127.0.0.1 that is free and stays this process's: drawn below
// the kernel's ephemeral range (so no bind(0) or outgoing connection takes it
// while its server restarts) and claimed with a lock on its byte of
// /tmp/laso-test-ports.lock (so no other test process draws it) until the
// process ends.
int FreePort();

// Whether something accepts TCP connections on 127.0.0.1:port.
bool PortAcceptsConnections(int port);

}  // namespace laso::testing
