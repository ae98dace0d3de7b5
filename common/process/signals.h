#pragma once

// SIGTERM and SIGINT are handled by one thread that waits for them, rather than
// by an async signal handler. Block() must run in main() before any thread
// starts, so every thread inherits the blocked mask.
namespace laso::process {

void BlockTerminationSignals();

// What every laso process does first in main(): blocks the termination signals
// (above) and turns off abseil's mutex deadlock detector, which Debian's build
// leaves on and which costs on every lock.
void InitProcess();
// Waits for SIGTERM or SIGINT and returns its number.
int WaitForTerminationSignal();

}  // namespace laso::process
