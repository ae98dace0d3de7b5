#pragma once

namespace laso::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read, close).
int FreePort();

// Whether something accepts TCP connections on 127.0.0.1:port.
bool PortAcceptsConnections(int port);

}  // namespace laso::testing
