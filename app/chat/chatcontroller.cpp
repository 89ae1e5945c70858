#include "chatcontroller.h"

#include "core/datapaths.h"
#include "core/settingsfile.h"
#include "documents/documentquestion.h"
#include "hearth/devices.h"
#include "hearth/error.h"
#include "models/installedmodels.h"
#include "models/modelsconfig.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/historyencryption.h"
#include "storage/streamingwriter.h"

#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMap>
#include <QSettings>
#include <QUrl>

namespace {
constexpr int kUndoDeleteMs = 6000;
constexpr int kConversationPage = 500;
constexpr int kViewUpdateMs = 16;
} // namespace

ChatController::ChatController(QObject* parent) : QObject(parent)
{
    m_deleteTimer.setSingleShot(true);
    m_deleteTimer.setInterval(kUndoDeleteMs);
    connect(&m_deleteTimer, &QTimer::timeout, this, &ChatController::commitPendingDelete);
    m_viewTimer.setSingleShot(true);
    m_viewTimer.setInterval(kViewUpdateMs);
    connect(&m_viewTimer, &QTimer::timeout, this, &ChatController::showStreamingText);

    connect(&m_settings, &GenerationSettings::changed, this, &ChatController::refreshPrompt);

    openDatabase();
    refreshPrompt();
    refreshConversations();
    refreshInstalledModels();
}

ChatController::~ChatController()
{
    commitPendingDelete();
    abandonAnswer();
}

void ChatController::abandonAnswer()
{
    if (m_engine && m_jobId)
        m_engine->cancel(m_jobId);
    if (m_writer)
        guarded([&] {
            Message final = m_store->message(m_streamId);
            final.finishReason = QStringLiteral("cancel");
            m_writer->finish(final);
        });
    if (m_streamId)
        endStream();
}

void ChatController::setEngine(EngineService* engine)
{
    if (m_engine == engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (engine) {
        connect(engine, &EngineService::loadStarted, &m_model, &ModelState::setLoading);
        connect(engine, &EngineService::loadProgress, &m_model, &ModelState::setProgress);
        connect(engine, &EngineService::modelLoaded, this, [this](const LoadedModel& loaded) {
            m_model.setReady(loaded.path, loaded.name, loaded.device);
            QSettings().setValue(QStringLiteral("models/last"), loaded.path);
            refreshInstalledModels();
        });
        connect(engine, &EngineService::modelUnloaded, this, [this] {
            if (m_model.status() == ModelState::Status::Ready)
                m_model.setEmpty();
        });
        connect(engine, &EngineService::loadFailed, &m_model, &ModelState::setFailed);
        connect(engine, &EngineService::jobPiece, this, &ChatController::onPiece);
        connect(engine, &EngineService::jobFinished, this, &ChatController::onFinished);
        connect(engine, &EngineService::jobFailed, this, &ChatController::onFailed);
        connect(engine, &EngineService::warning, this, &ChatController::setNotice);
    }
    emit engineChanged();
}

template <class F> bool ChatController::guarded(F&& call)
{
    if (!m_store) {
        setNotice(ChatController::tr("Conversations cannot be saved: the database is not available."));
        return false;
    }
    try {
        call();
        return true;
    } catch (const hearth::Error& e) {
        setNotice(QString::fromUtf8(e.what()));
        return false;
    }
}

void ChatController::openDatabase()
{
    auto database = std::make_unique<Database>(Database::defaultFilePath());
    try {
        database->open();
    } catch (const hearth::Error& e) {
        setNotice(QString::fromUtf8(e.what()));
        return;
    }
    if (!SettingsFile::lastNotice().isEmpty())
        setNotice(SettingsFile::lastNotice());
    if (!database->movedAsideNotice().isEmpty())
        setNotice(database->movedAsideNotice());
    if (HistoryEncryption::isLocked(*database))
        return; // the window asks for the passphrase first, then reopenDatabase()
    m_database = std::move(database);
    m_diskStore = std::make_unique<ConversationStore>(*m_database);
    m_store = m_diskStore.get();
}

void ChatController::reopenDatabase()
{
    ConversationStore* incognitoStore = incognito() ? m_store : nullptr;
    if (m_store == m_diskStore.get()) {
        commitPendingDelete();
        abandonAnswer(); // it writes through the connection being replaced
    }
    const qint64 current = incognitoStore ? 0 : m_conversationId;
    m_store = incognitoStore;
    m_diskStore.reset();
    m_database.reset();
    openDatabase();
    if (incognitoStore)
        m_store = incognitoStore;
    refreshConversations();
    if (!incognitoStore)
        setCurrent(current && m_store && m_store->contains(current) ? current : 0);
}

void ChatController::setNotice(const QString& text)
{
    if (m_notice == text)
        return;
    m_notice = text;
    emit noticeChanged();
}

void ChatController::dismissNotice()
{
    setNotice({});
}

void ChatController::refreshConversations()
{
    if (!m_store)
        return;
    guarded([&] {
        if (!m_searchText.trimmed().isEmpty()) {
            m_conversations.setSearchHits(
                m_store->search(m_searchText, 100, 0, QStringLiteral("<b>"), QStringLiteral("</b>")));
            return;
        }
        QList<Conversation> list = m_store->list(0, kConversationPage);
        list.removeIf([this](const Conversation& c) { return c.id == m_pendingDeleteId; });
        m_conversations.setConversations(list);
    });
}

void ChatController::reloadMessages()
{
    if (!m_store || m_conversationId == 0) {
        m_messages.setMessages({});
        return;
    }
    guarded([&] {
        QList<Message> path = m_store->activePath(m_conversationId);
        m_messages.setMessages(path);
        // The answer still streaming into this conversation shows its text so far.
        if (m_streamId && m_streamConversationId == m_conversationId && m_writer)
            m_messages.updateStreaming(m_streamId, m_writer->text(), m_writer->reasoning());
    });
}

void ChatController::setCurrent(qint64 conversationId)
{
    m_conversationId = conversationId;
    m_title.clear();
    m_promptOverride.clear();
    if (conversationId && m_store)
        guarded([&] {
            const Conversation c = m_store->conversation(conversationId);
            m_title = c.title;
            m_promptOverride = c.systemPrompt;
        });
    refreshPrompt();
    emit currentConversationChanged();
    reloadMessages();
}

void ChatController::refreshPrompt()
{
    m_prompt.set(m_promptOverride, m_settings.systemPrompt());
}

void ChatController::setSystemPrompt(const QString& text)
{
    const QString override = text.trimmed() == m_settings.systemPrompt().trimmed() ? QString() : text;
    if (m_conversationId && !guarded([&] { m_store->setSystemPrompt(m_conversationId, override); }))
        return;
    m_promptOverride = override;
    refreshPrompt();
}

void ChatController::start(const QString& startupModel)
{
    const std::string reason = hearth::vulkan_unavailable_reason();
    if (!reason.empty()) {
        setNotice(QString::fromStdString(reason));
        return;
    }
    QString path = startupModel;
    if (path.isEmpty())
        path = QSettings().value(QStringLiteral("models/last")).toString();
    if (!path.isEmpty() && QFileInfo::exists(path))
        loadModel(path);
}

void ChatController::newChat()
{
    leaveIncognito();
    setCurrent(0);
}

void ChatController::newIncognitoChat()
{
    if (incognito()) {
        setCurrent(0);
        return;
    }
    auto database = std::make_unique<Database>(QStringLiteral(":memory:"));
    try {
        database->open();
        // Sorting and indexing may use temporary files; they stay in memory too.
        database->exec(QStringLiteral("PRAGMA temp_store=MEMORY"), tr("could not start an incognito chat"));
    } catch (const hearth::Error& e) {
        setNotice(QString::fromUtf8(e.what()));
        return;
    }
    commitPendingDelete(); // of the store in use until now
    abandonAnswer();       // saved as far as it got, in its own conversation
    m_incognitoDatabase = std::move(database);
    m_incognitoStore = std::make_unique<ConversationStore>(*m_incognitoDatabase);
    m_store = m_incognitoStore.get();
    emit incognitoChanged();
    setCurrent(0);
    refreshConversations();
}

void ChatController::leaveIncognito()
{
    if (!incognito())
        return;
    commitPendingDelete();
    abandonAnswer();
    // Its answers' caches on the GPU hold the text too: drop them.
    if (m_engine)
        for (const Conversation& c : m_incognitoStore->list(0, kConversationPage))
            m_engine->releaseClient(clientId(c.id));
    m_store = m_diskStore.get();
    m_incognitoStore.reset();
    m_incognitoDatabase.reset();
    emit incognitoChanged();
    refreshConversations();
}

QString ChatController::clientId(qint64 conversationId) const
{
    return (incognito() ? QStringLiteral("incognito:%1") : QStringLiteral("chat:%1")).arg(conversationId);
}

void ChatController::openConversation(qint64 id)
{
    if (id != m_conversationId)
        setCurrent(id);
}

qint64 ChatController::ensureConversation()
{
    if (m_conversationId)
        return m_conversationId;
    Conversation init;
    init.modelFile = m_model.path();
    init.modelName = m_model.name();
    init.systemPrompt = m_promptOverride; // empty: the conversation follows the default
    qint64 id = 0;
    if (guarded([&] { id = m_store->create(init).id; })) {
        m_conversationId = id;
        emit currentConversationChanged();
    }
    return id;
}

void ChatController::refreshCurrent()
{
    setCurrent(m_conversationId);
    refreshConversations();
}

void ChatController::send(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || generating())
        return;
    if (!m_model.ready()) {
        setNotice(tr("Load a model first: pick one in the model menu at the top."));
        return;
    }
    if (!ensureConversation())
        return;
    Message user;
    user.role = Role::User;
    user.content = trimmed;
    Message answer;
    answer.role = Role::Assistant;
    answer.model = m_model.name();
    if (!guarded([&] {
            m_store->appendMessage(m_conversationId, user);
            answer = m_store->appendMessage(m_conversationId, answer);
        }))
        return;
    setCurrent(m_conversationId); // title may have been set from the first message
    refreshConversations();       // a new conversation shows in the sidebar at once, on top
    startAnswer(answer);
}

void ChatController::regenerate(qint64 assistantMessageId)
{
    if (generating() || !m_model.ready())
        return;
    Message answer;
    answer.role = Role::Assistant;
    answer.model = m_model.name();
    if (!guarded([&] { answer = m_store->addSibling(assistantMessageId, answer); }))
        return;
    reloadMessages();
    startAnswer(answer);
}

void ChatController::editMessage(qint64 userMessageId, const QString& text)
{
    if (generating() || text.trimmed().isEmpty())
        return;
    Message user;
    user.role = Role::User;
    user.content = text.trimmed();
    Message answer;
    answer.role = Role::Assistant;
    answer.model = m_model.name();
    if (!guarded([&] {
            m_store->addSibling(userMessageId, user);
            if (m_model.ready())
                answer = m_store->appendMessage(m_conversationId, answer);
        }))
        return;
    reloadMessages();
    if (answer.id)
        startAnswer(answer);
}

void ChatController::showSibling(qint64 messageId, int step)
{
    guarded([&] {
        const SiblingInfo info = m_store->siblings(messageId);
        const qint64 target = step < 0 ? info.previousId : info.nextId;
        if (target)
            m_store->switchBranch(target);
    });
    reloadMessages();
}

void ChatController::startAnswer(const Message& answer)
{
    EngineJob request;
    request.kind = JobKind::ChatTurn;
    request.priority = JobPriority::Interactive;
    request.clientId = clientId(answer.conversationId);
    request.sampling = m_settings.samplingParams();
    request.maxTokens = m_settings.maxTokens();
    QString systemPrompt;
    QList<Message> path;
    guarded([&] {
        systemPrompt = m_store->conversation(answer.conversationId).systemPrompt;
        path = m_store->activePath(answer.conversationId);
    });
    if (systemPrompt.trimmed().isEmpty())
        systemPrompt = m_settings.systemPrompt();
    if (!systemPrompt.trimmed().isEmpty())
        request.turns.append({QStringLiteral("system"), systemPrompt});
    for (const Message& m : path) {
        if (m.id == answer.id)
            break;
        request.turns.append({roleName(m.role), m.content});
    }
    m_streamSources = askAboutAttachedDocuments(answer.conversationId, request.turns);

    m_streamId = answer.id;
    m_streamConversationId = answer.conversationId;
    m_splitter = ThinkSplitter();
    m_writer = std::make_unique<StreamingWriter>(*m_store, answer.id);
    m_messages.updateStreaming(answer.id, {}, {});
    emit generatingChanged();
    const EngineService::Submission submitted =
        m_engine ? m_engine->submit(request) : EngineService::Submission{0, tr("The engine is not running.")};
    m_jobId = submitted.jobId;
    if (!submitted.accepted())
        onFailed(0, submitted.error);
}

QString ChatController::askAboutAttachedDocuments(qint64 conversationId,
                                                  QList<QPair<QString, QString>>& turns)
{
    // With documents attached, the question goes to the model with the passages that answer it
    // (the conversation keeps the question as typed); the answer ends with those sources.
    if (!m_database || incognito() || turns.isEmpty() || turns.last().first != QLatin1String("user"))
        return {};
    QString sources;
    guarded([&] {
        DocumentStore documents(*m_database);
        const QList<qint64> attached = documents.attachedDocuments(conversationId);
        if (attached.isEmpty())
            return;
        const DocumentQuestion question =
            askAboutDocuments(documents, turns.last().second, attached, m_settings.contextLength() / 3);
        turns.last().second = question.prompt;
        sources = question.sourcesLine;
    });
    return sources;
}

void ChatController::onPiece(qint64 jobId, const QString& piece)
{
    if (jobId != m_jobId || !m_writer)
        return;
    const ThinkSplitter::Delta delta = m_splitter.push(piece);
    guarded([&] { m_writer->append(delta.content, delta.reasoning); });
    if (!m_viewTimer.isActive())
        m_viewTimer.start();
}

void ChatController::showStreamingText()
{
    if (m_writer && m_streamConversationId == m_conversationId)
        m_messages.updateStreaming(m_streamId, m_writer->text(), m_writer->reasoning());
}

void ChatController::onFinished(qint64 jobId, const JobStats& stats)
{
    if (jobId != m_jobId || !m_writer)
        return;
    const qint64 messageId = m_streamId;
    const ThinkSplitter::Delta rest = m_splitter.finish();
    Message final;
    guarded([&] {
        m_writer->append(rest.content, rest.reasoning);
        if (!m_streamSources.isEmpty())
            m_writer->append(QStringLiteral("\n\n") + m_streamSources);
        final = m_store->message(messageId);
        final.promptTokens = stats.evaluatedTokens;
        final.generatedTokens = stats.generatedTokens;
        final.tokensPerSecond = stats.tokensPerSecond();
        final.finishReason = stats.finishReason;
        m_writer->finish(final);
        final = m_store->message(messageId);
    });
    if (m_streamConversationId == m_conversationId && final.id) {
        final.content = m_writer->text();
        final.reasoning = m_writer->reasoning();
        m_messages.finish(final, stats.firstTokenMs);
    }
    endStream();
    refreshConversations();
    emit answerFinished(messageId);
}

void ChatController::onFailed(qint64 jobId, const QString& error)
{
    if (jobId != m_jobId || !m_writer)
        return;
    const qint64 messageId = m_streamId;
    guarded([&] {
        Message final = m_store->message(messageId);
        final.finishReason = QStringLiteral("error");
        m_writer->finish(final);
    });
    if (m_streamConversationId == m_conversationId)
        m_messages.setError(messageId, error);
    endStream();
}

void ChatController::endStream()
{
    m_viewTimer.stop();
    m_writer.reset();
    m_jobId = 0;
    m_streamId = 0;
    m_streamConversationId = 0;
    emit generatingChanged();
}

void ChatController::stop()
{
    if (m_engine && m_jobId)
        m_engine->cancel(m_jobId);
}

void ChatController::rename(qint64 conversationId, const QString& title)
{
    if (title.trimmed().isEmpty())
        return;
    guarded([&] { m_store->rename(conversationId, title.trimmed()); });
    if (conversationId == m_conversationId)
        setCurrent(conversationId);
    refreshConversations();
}

void ChatController::setPinned(qint64 conversationId, bool pinned)
{
    guarded([&] { m_store->setPinned(conversationId, pinned); });
    refreshConversations();
}

void ChatController::deleteConversation(qint64 conversationId)
{
    commitPendingDelete();
    QString title;
    if (!guarded([&] { title = m_store->conversation(conversationId).title; }))
        return;
    m_pendingDeleteId = conversationId;
    m_deleteTimer.start();
    if (conversationId == m_conversationId)
        setCurrent(0);
    refreshConversations();
    emit deletePending(title);
}

void ChatController::undoDelete()
{
    m_deleteTimer.stop();
    m_pendingDeleteId = 0;
    refreshConversations();
}

void ChatController::commitPendingDelete()
{
    m_deleteTimer.stop();
    if (!m_pendingDeleteId)
        return;
    const qint64 id = m_pendingDeleteId;
    m_pendingDeleteId = 0;
    if (id == m_streamConversationId)
        stop(); // its answer has nowhere left to go
    guarded([&] { m_store->remove(id); });
    if (m_engine)
        m_engine->releaseClient(clientId(id));
    refreshConversations();
}

void ChatController::search(const QString& text)
{
    m_searchText = text;
    refreshConversations();
}

void ChatController::loadModel(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty() || generating() || m_model.busy())
        return;
    // A loaded model is released first, on the worker; the worker's loadStarted then says the
    // new one is loading.
    if (m_model.ready())
        m_model.setUnloading();
    else
        m_model.setLoading(path);
    if (!m_engine)
        return;
    LoadRequest request;
    request.path = path;
    request.device = m_appSettings.device();
    request.contextLength = m_settings.contextLength();
    m_engine->loadModel(request, SwitchPolicy::CancelJobs);
}

void ChatController::refreshInstalledModels()
{
    QMap<QString, QString> found; // path -> name, sorted by path
    const ModelsConfig config = ModelsConfig::load(QSettings());
    try {
        InstalledModels models(config.modelsDir, config.extraFolders, config.externalRoots);
        for (const InstalledModel& m : models.scan())
            if (m.error.isEmpty())
                found.insert(m.path, isExternalSource(m.source) ? m.id : QFileInfo(m.path).fileName());
    } catch (const hearth::Error& e) {
        setNotice(QString::fromUtf8(e.what()));
    }
    if (!m_model.path().isEmpty() && !found.contains(m_model.path()))
        found.insert(m_model.path(), QFileInfo(m_model.path()).fileName());
    if (found.keys() != m_installedModels || found.values() != m_installedModelNames) {
        m_installedModels = found.keys();
        m_installedModelNames = found.values();
        emit installedModelsChanged();
    }
}

void ChatController::copyText(const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
}

void ChatController::copyLastAnswer()
{
    copyText(m_messages.lastAnswer());
}
