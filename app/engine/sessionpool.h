#pragma once
// The KV caches of the engine's clients: one hearth::Session per client, kept while memory
// allows so that each client's next job reuses its cached prefix. When the memory plan cannot
// hold another cache, the least recently used one is dropped; its tokens are remembered so a job
// that was running in it can rebuild it. Lives on the engine worker's thread.
#include "hearth/engine.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <vector>

class SessionPool {
  public:
    // How many sessions may live at once when nothing else limits them.
    static constexpr int kMaxSessions = 8;

    // Drops every session and serves `model` (null: none) from now on. `maxSessions` > 0 caps
    // the count below what memory allows (tests and small machines).
    void reset(hearth::Model* model, const hearth::SessionOptions& options, int maxSessions);

    // The client's session, made when it has none. Room is made first by dropping the least
    // recently used sessions of other clients. When the client's own session had been dropped
    // while a job was running in it, `lostTokens` receives the tokens it held (else it is cleared).
    // Throws hearth::Error when even a single session does not fit.
    hearth::Session& acquire(const QString& clientId, std::vector<int32_t>* lostTokens);

    // Drops the client's session and forgets it (a deleted conversation, a closed connection).
    void release(const QString& clientId);

    int liveSessions() const { return int(m_sessions.size()); }
    uint32_t batchSize() const { return m_options.batch_size; }
    // Tokens the client's cache holds now (0 when it has no session).
    int tokensHeld(const QString& clientId) const;
    // Sessions the memory plan holds at once: what is free after the model, per session.
    int capacity() const { return m_capacity; }

    // Told the id of each client whose session was dropped to make room.
    std::function<void(const QString& clientId)> onDropped;

  private:
    void dropLeastRecentlyUsed(const QString& except);

    struct Entry {
        std::unique_ptr<hearth::Session> session;
        quint64 lastUsed = 0;
    };
    hearth::Model* m_model = nullptr;
    hearth::SessionOptions m_options;
    int m_capacity = 1;
    quint64 m_clock = 0;
    std::map<QString, Entry> m_sessions;
    QHash<QString, std::vector<int32_t>> m_dropped; // tokens of dropped sessions, by client
};
