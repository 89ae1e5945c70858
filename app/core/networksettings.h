#pragma once
// Offline mode and log saving as the user left them (settings network/offline and
// network/saveLog, shared by the window and hearth-cli); `--offline` or HEARTH_OFFLINE=1 (any
// value but empty and 0) turns offline mode on for this run whatever the setting says.
#include <QString>

class NetworkGate;

// Sets the gate from the settings, the environment and forceOffline; with rememberChanges,
// later changes made on the gate (the window's switches) are written back to the settings.
void applyNetworkSettings(NetworkGate* gate, bool forceOffline, bool rememberChanges);

// The file the log is saved in: network-log.jsonl in the data folder.
QString networkLogPath();
