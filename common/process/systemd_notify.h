#pragma once

#include <string>

// Tells systemd (Type=notify units: deploy/systemd/laso@.service) that the
// process is ready, or stopping. Outside systemd ($NOTIFY_SOCKET unset) it
// does nothing. No libsystemd: the protocol is one datagram on a Unix socket.
namespace laso::process {

// "READY=1" once the process serves; "STOPPING=1" when it starts to drain.
void NotifySystemd(const std::string& state);
inline void NotifyReady() { NotifySystemd("READY=1"); }
inline void NotifyStopping() { NotifySystemd("STOPPING=1"); }

}  // namespace laso::process
