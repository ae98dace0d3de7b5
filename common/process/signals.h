#pragma once

// SIGTERM and SIGINT are handled by one thread that waits for them, rather than
// by an async signal handler. Block() must run in main() before any thread
// starts, so every thread inherits the blocked mask.
namespace laso::process {

void BlockTerminationSignals();
// Waits for SIGTERM or SIGINT and returns its number.
int WaitForTerminationSignal();

}  // namespace laso::process
