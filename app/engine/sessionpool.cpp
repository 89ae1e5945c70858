#include "sessionpool.h"

#include "hearth/error.h"

#include <algorithm>

void SessionPool::reset(hearth::Model* model, const hearth::SessionOptions& options, int maxSessions)
{
    m_sessions.clear();
    m_dropped.clear();
    m_model = model;
    m_options = options;
    m_capacity = maxSessions > 0 ? std::min(maxSessions, kMaxSessions) : kMaxSessions;
    if (model) {
        // The memory plan reserved one session next to the weights; the rest of the device's
        // budget decides how many more fit.
        const uint64_t perSession = std::max<uint64_t>(1, model->session_bytes(options));
        const uint64_t fit = model->free_session_memory() / perSession;
        m_capacity = int(std::clamp<uint64_t>(fit, 1, uint64_t(m_capacity)));
    }
}

hearth::Session& SessionPool::acquire(const QString& clientId, std::vector<int32_t>* lostTokens)
{
    if (!m_model)
        throw hearth::Error("no model is loaded");
    if (lostTokens)
        lostTokens->clear();
    ++m_clock;
    if (auto it = m_sessions.find(clientId); it != m_sessions.end()) {
        it->second.lastUsed = m_clock;
        return *it->second.session;
    }
    while (liveSessions() >= m_capacity)
        dropLeastRecentlyUsed(clientId);
    std::unique_ptr<hearth::Session> session;
    for (;;) {
        try {
            session = m_model->create_session(m_options);
            break;
        } catch (const hearth::Error&) {
            if (m_sessions.empty())
                throw; // not even one cache fits next to the model: the error says how much
            // The device had less room than planned (other programs use it too): hold fewer.
            dropLeastRecentlyUsed(clientId);
            m_capacity = std::max(1, liveSessions() + 1);
        }
    }
    if (lostTokens && m_dropped.contains(clientId))
        *lostTokens = m_dropped.value(clientId);
    m_dropped.remove(clientId);
    Entry& entry = m_sessions[clientId];
    entry.session = std::move(session);
    entry.lastUsed = m_clock;
    return *entry.session;
}

void SessionPool::dropLeastRecentlyUsed(const QString& except)
{
    auto oldest = m_sessions.end();
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
        if (it->first != except && (oldest == m_sessions.end() || it->second.lastUsed < oldest->second.lastUsed))
            oldest = it;
    if (oldest == m_sessions.end())
        throw hearth::Error("no session can be dropped to make room");
    const QString client = oldest->first;
    m_dropped.insert(client, oldest->second.session->tokens());
    m_sessions.erase(oldest);
    if (onDropped)
        onDropped(client);
}

void SessionPool::release(const QString& clientId)
{
    m_sessions.erase(clientId);
    m_dropped.remove(clientId);
}

int SessionPool::tokensHeld(const QString& clientId) const
{
    const auto it = m_sessions.find(clientId);
    return it == m_sessions.end() ? 0 : int(it->second.session->tokens().size());
}
