#include "documentscontroller.h"

#include "chatcontroller.h"
#include "citationlinks.h"
#include "documents/documenterror.h"
#include "documents/documentimport.h"
#include "documents/summarizer.h"
#include "documents/summarystore.h"
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/historyencryption.h"
#include "storage/streamingwriter.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace {
constexpr int kViewUpdateMs = 16;
constexpr int kImportProgressMs = 150;
constexpr int kSearchLimit = 200;

QString localPath(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

// Runs on a pool thread, over a database connection of its own: read, hash, extract, chunk and
// store in one transaction (importDocument), so the GUI thread never waits for a big PDF.
ImportOutcome importOffThread(const QString& databasePath, const QString& path, const QString& password,
                              std::shared_ptr<std::atomic<bool>> cancel,
                              std::shared_ptr<std::atomic<int>> done, std::shared_ptr<std::atomic<int>> total)
{
    ImportOutcome outcome;
    outcome.path = path;
    try {
        Database db(databasePath);
        db.open();
        DocumentStore store(db);
        ReadOptions options;
        options.password = password;
        options.progress = [=](int pagesDone, int pagesTotal) {
            done->store(pagesDone);
            total->store(pagesTotal);
            return !cancel->load();
        };
        outcome.document = importDocument(store, path, options, Chunker::kDefaultBudget).document;
    } catch (const documents::PasswordError& e) {
        outcome.needsPassword = true;
        outcome.wrongPassword = e.wrongPassword();
        outcome.error = QString::fromUtf8(e.what());
    } catch (const hearth::Error& e) {
        outcome.error = QString::fromUtf8(e.what());
    } catch (const std::exception& e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    outcome.cancelled = cancel->load();
    return outcome;
}
} // namespace

DocumentsController::DocumentsController(QObject* parent) : QObject(parent)
{
    m_viewTimer.setSingleShot(true);
    m_viewTimer.setInterval(kViewUpdateMs);
    connect(&m_viewTimer, &QTimer::timeout, this, &DocumentsController::showStreamingText);
    m_importTimer.setInterval(kImportProgressMs);
    connect(&m_importTimer, &QTimer::timeout, this, &DocumentsController::showImportProgress);
    connect(&m_watcher, &QFutureWatcher<ImportOutcome>::finished, this, &DocumentsController::onImported);
    openDatabase();
    refreshLibrary();
}

DocumentsController::~DocumentsController()
{
    if (m_importCancel)
        m_importCancel->store(true);
    m_watcher.waitForFinished();
    if (m_summarizer)
        m_summarizer->cancel();
    if (m_writer)
        guarded([&] {
            Message final = m_conversations->message(m_answerId);
            final.finishReason = QStringLiteral("cancel");
            m_writer->finish(final);
        });
}

void DocumentsController::openDatabase()
{
    auto database = std::make_unique<Database>(Database::defaultFilePath());
    try {
        database->open();
    } catch (const hearth::Error& e) {
        setNotice(QString::fromUtf8(e.what()));
        return;
    }
    if (HistoryEncryption::isLocked(*database))
        return; // the window asks for the passphrase first, then reopenDatabase()
    m_database = std::move(database);
    m_documents = std::make_unique<DocumentStore>(*m_database);
    m_conversations = std::make_unique<ConversationStore>(*m_database);
    m_summaries = std::make_unique<SummaryStore>(*m_database);
}

template <class F> bool DocumentsController::guarded(F&& call)
{
    if (!m_database) {
        setNotice(tr("Documents cannot be used: the database is not available."));
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

void DocumentsController::setNotice(const QString& text)
{
    if (m_notice == text)
        return;
    m_notice = text;
    emit noticeChanged();
}

void DocumentsController::setEngine(EngineService* engine)
{
    if (m_engine == engine || m_engine)
        return;
    m_engine = engine;
    createSummarizer();
    emit engineChanged();
}

void DocumentsController::createSummarizer()
{
    if (!m_engine || !m_summaries)
        return;
    m_summarizer = std::make_unique<Summarizer>(*m_engine, *m_summaries);
    connect(m_summarizer.get(), &Summarizer::progressed, &m_summary, &SummaryRun::update);
    connect(m_summarizer.get(), &Summarizer::piece, this, &DocumentsController::onPiece);
    connect(m_summarizer.get(), &Summarizer::finished, this, &DocumentsController::onSummaryFinished);
    connect(m_summarizer.get(), &Summarizer::failed, this, &DocumentsController::onSummaryFailed);
}

void DocumentsController::reopenDatabase()
{
    if (m_summarizer && m_summarizer->running())
        m_summarizer->cancel();
    m_summarizer.reset();
    if (m_writer) {
        guarded([&] {
            Message final = m_conversations->message(m_answerId);
            final.finishReason = QStringLiteral("cancel");
            m_writer->finish(final);
        });
        endSummary();
    }
    m_summaries.reset();
    m_conversations.reset();
    m_documents.reset();
    m_database.reset();
    openDatabase();
    createSummarizer();
    refreshLibrary();
    refreshAttached();
}

void DocumentsController::setChat(ChatController* chat)
{
    if (m_chat == chat || m_chat)
        return;
    m_chat = chat;
    if (chat) {
        connect(chat, &ChatController::currentConversationChanged, this,
                &DocumentsController::refreshAttached);
        connect(chat, &ChatController::incognitoChanged, this, &DocumentsController::refreshAttached);
    }
    refreshAttached();
    emit chatChanged();
}

QVariantList DocumentsController::styles() const
{
    const auto style = [](const char* value, const QString& text) {
        return QVariantMap{{QStringLiteral("value"), QString::fromLatin1(value)},
                           {QStringLiteral("text"), text}};
    };
    return {style("brief", tr("Brief")), style("detailed", tr("Detailed")),
            style("points", tr("Key points"))};
}

QString DocumentsController::statusOf(qint64 documentId) const
{
    return m_statuses.value(documentId, tr("Ready to summarize"));
}

void DocumentsController::setStatus(qint64 documentId, const QString& status)
{
    m_statuses.insert(documentId, status);
    m_attached.setStatus(documentId, status);
    m_library.setStatus(documentId, status);
}

bool DocumentsController::refusedInIncognito()
{
    if (!m_chat || !m_chat->incognito())
        return false;
    setNotice(tr("Documents cannot be used in an incognito chat: their text would be saved on disk. Start a "
                 "normal chat (Ctrl+N) to attach or summarize one."));
    return true;
}

void DocumentsController::refreshAttached()
{
    // An incognito conversation lives in a database of its own, which has no documents.
    const qint64 conversationId = m_chat && !m_chat->incognito() ? m_chat->currentConversationId() : 0;
    QList<DocumentRow> rows;
    if (conversationId && m_database)
        guarded([&] {
            for (qint64 id : m_documents->attachedDocuments(conversationId))
                rows.append({m_documents->document(id), statusOf(id), {}, {}});
        });
    m_attached.setRows(rows);
}

void DocumentsController::refreshLibrary()
{
    if (!m_database)
        return;
    QList<DocumentRow> rows;
    guarded([&] {
        QList<StoredDocument> documents;
        QHash<qint64, QString> snippets;
        if (m_searchText.trimmed().isEmpty()) {
            documents = m_documents->list();
        } else {
            for (const DocumentSearchHit& hit : m_documents->search(m_searchText, kSearchLimit)) {
                if (snippets.contains(hit.documentId))
                    continue;
                snippets.insert(hit.documentId, hit.snippet);
                documents.append(m_documents->document(hit.documentId));
            }
        }
        for (const StoredDocument& d : documents) {
            QStringList titles;
            for (qint64 conversationId : m_documents->conversationsUsing(d.id)) {
                const QString title = m_conversations->conversation(conversationId).title;
                titles.append(title.isEmpty() ? tr("Untitled chat") : title);
            }
            rows.append({d, statusOf(d.id), titles.join(QStringLiteral(", ")), snippets.value(d.id)});
        }
    });
    m_library.setRows(rows);
}

void DocumentsController::search(const QString& text)
{
    m_searchText = text;
    refreshLibrary();
}

void DocumentsController::remove(qint64 documentId)
{
    if (m_summary.documentId() == documentId)
        cancelSummary();
    guarded([&] { m_documents->remove(documentId); });
    m_statuses.remove(documentId);
    refreshAttached();
    refreshLibrary();
}

void DocumentsController::detach(qint64 documentId)
{
    const qint64 conversationId = m_chat ? m_chat->currentConversationId() : 0;
    if (conversationId)
        guarded([&] { m_documents->detach(conversationId, documentId); });
    // Later: the card's own button asked, and the refresh removes the card.
    QMetaObject::invokeMethod(this, &DocumentsController::refreshAttached, Qt::QueuedConnection);
    refreshLibrary();
}

// --- Attaching ---

void DocumentsController::attach(const QString& pathOrUrl)
{
    const QString path = localPath(pathOrUrl);
    if (path.isEmpty() || refusedInIncognito())
        return;
    m_queue.append({path, {}});
    startNextImport();
}

void DocumentsController::attachUrls(const QList<QUrl>& urls)
{
    if (refusedInIncognito())
        return;
    for (const QUrl& url : urls)
        if (url.isLocalFile())
            m_queue.append({url.toLocalFile(), {}});
    startNextImport();
}

void DocumentsController::attachWithPassword(const QString& path, const QString& password)
{
    if (refusedInIncognito())
        return;
    m_queue.prepend({localPath(path), password});
    startNextImport();
}

void DocumentsController::cancelImport()
{
    m_queue.clear();
    if (m_importCancel)
        m_importCancel->store(true);
}

void DocumentsController::startNextImport()
{
    if (m_watcher.isRunning() || m_queue.isEmpty() || !m_database)
        return;
    const Request request = m_queue.takeFirst();
    m_importCancel = std::make_shared<std::atomic<bool>>(false);
    m_importDone = std::make_shared<std::atomic<int>>(0);
    m_importTotal = std::make_shared<std::atomic<int>>(0);
    m_importName = QFileInfo(request.path).fileName();
    m_importText = tr("Reading %1…").arg(m_importName);
    setNotice({});
    m_watcher.setFuture(QtConcurrent::run(importOffThread, m_database->filePath(), request.path,
                                          request.password, m_importCancel, m_importDone, m_importTotal));
    m_importTimer.start();
    emit importingChanged();
}

void DocumentsController::showImportProgress()
{
    const int total = m_importTotal ? m_importTotal->load() : 0;
    if (total <= 0)
        return;
    const QString text =
        tr("Reading %1: page %2 of %3…").arg(m_importName).arg(m_importDone->load()).arg(total);
    if (text != m_importText) {
        m_importText = text;
        emit importingChanged();
    }
}

void DocumentsController::onImported()
{
    m_importTimer.stop();
    const ImportOutcome outcome = m_watcher.result();
    m_importText.clear();
    qint64 attachedId = 0;
    // A cancelled read added nothing: the store's write is one transaction after the whole read.
    if (outcome.cancelled) {
    } else if (outcome.needsPassword) {
        emit passwordRequired(outcome.path, QFileInfo(outcome.path).fileName(), outcome.wrongPassword);
    } else if (!outcome.error.isEmpty()) {
        setNotice(outcome.error);
    } else if (m_chat && !refusedInIncognito()) {
        const qint64 conversationId = m_chat->ensureConversation();
        if (conversationId && guarded([&] {
                m_documents->attach(conversationId, outcome.document.id);
                // A chat that starts with a document is named after it, until its first message.
                if (m_conversations->conversation(conversationId).title.isEmpty())
                    m_conversations->setAutomaticTitle(conversationId, outcome.document.title,
                                                       TitleSource::Automatic);
            })) {
            m_chat->refreshCurrent();
            attachedId = outcome.document.id;
        }
    }
    refreshAttached();
    refreshLibrary();
    emit importingChanged();
    if (attachedId)
        emit documentAttached(attachedId);
    startNextImport();
}

// --- Summarizing ---

void DocumentsController::summarize(qint64 documentId, const QString& style, const QString& focus)
{
    if (!m_summarizer || !m_chat || m_summarizer->running() || refusedInIncognito())
        return;
    // The service knows the model it has loaded (and the context of its sessions).
    const std::optional<LoadedModel> model = m_engine ? m_engine->loadedModel() : std::nullopt;
    if (!m_chat->model()->ready() || !model) {
        setNotice(tr("Load a model first: pick one in the model menu at the top."));
        return;
    }
    if (m_chat->generating()) {
        setNotice(tr("Wait for the answer being written, or stop it, then summarize."));
        return;
    }
    const qint64 conversationId = m_chat->ensureConversation();
    if (!conversationId)
        return;
    SummarySettings settings;
    settings.style = Summarizer::isStyle(style) ? style : QStringLiteral("brief");
    settings.focus = focus.trimmed();
    StoredDocument stored;
    Document content;
    Message answer;
    if (!guarded([&] {
            stored = m_documents->document(documentId);
            content = m_documents->content(documentId);
            m_documents->attach(conversationId, documentId);
            Message request;
            request.role = Role::User;
            request.content =
                settings.focus.isEmpty()
                    ? tr("Summarize “%1”.").arg(stored.title)
                    : tr("Summarize “%1”, concentrating on: %2").arg(stored.title, settings.focus);
            m_conversations->appendMessage(conversationId, request);
            answer.role = Role::Assistant;
            answer.model = model->name;
            answer = m_conversations->appendMessage(conversationId, answer);
        }))
        return;
    setNotice({});
    m_streamConversationId = conversationId;
    m_answerId = answer.id;
    m_writer = std::make_unique<StreamingWriter>(*m_conversations, answer.id);
    m_chat->refreshCurrent();
    m_chat->messages()->updateStreaming(answer.id, {}, {});
    m_summary.begin(documentId);
    setStatus(documentId, tr("Summarizing…"));
    m_summarizer->start(documentId, content, model->path, model->contextLength, settings);
}

void DocumentsController::cancelSummary()
{
    if (m_summarizer && m_summarizer->running())
        m_summarizer->cancel();
}

void DocumentsController::onPiece(const QString& text)
{
    if (!m_writer)
        return;
    guarded([&] { m_writer->append(text); });
    if (!m_viewTimer.isActive())
        m_viewTimer.start();
}

void DocumentsController::showStreamingText()
{
    if (m_writer && m_chat && m_chat->currentConversationId() == m_streamConversationId)
        m_chat->messages()->updateStreaming(m_answerId, m_writer->text(), {});
}

void DocumentsController::onSummaryFinished(const SummaryResult& result)
{
    if (!m_writer)
        return;
    const qint64 messageId = m_answerId;
    const qint64 documentId = m_summary.documentId();
    Message final;
    guarded([&] {
        m_writer->finish(m_conversations->message(messageId));
        // The streamed text, with the citations the pipeline checked and completed.
        final = m_conversations->message(messageId);
        final.content = result.text;
        final.promptTokens = result.evaluatedTokens;
        final.generatedTokens = result.generatedTokens;
        final.tokensPerSecond = result.seconds > 0 ? result.generatedTokens / result.seconds : 0;
        final.finishReason = QStringLiteral("stop");
        m_conversations->finishMessage(final);
        final = m_conversations->message(messageId);
    });
    if (m_chat && m_chat->currentConversationId() == m_streamConversationId && final.id)
        m_chat->messages()->finish(final, 0);
    setStatus(documentId, tr("Summarized"));
    endSummary();
    emit summaryFinished(messageId);
}

void DocumentsController::onSummaryFailed(const QString& error, bool cancelled)
{
    if (!m_writer)
        return;
    const qint64 messageId = m_answerId;
    const qint64 documentId = m_summary.documentId();
    Message final;
    guarded([&] {
        m_writer->finish(m_conversations->message(messageId));
        final = m_conversations->message(messageId);
        final.finishReason = cancelled ? QStringLiteral("cancel") : QStringLiteral("error");
        if (final.content.trimmed().isEmpty())
            final.content = cancelled ? tr("The summary was stopped. Press Summarize again to resume it.")
                                      : tr("The summary failed: %1").arg(error);
        m_conversations->finishMessage(final);
        final = m_conversations->message(messageId);
    });
    if (m_chat && m_chat->currentConversationId() == m_streamConversationId && final.id) {
        m_chat->messages()->finish(final, 0);
        if (!cancelled)
            m_chat->messages()->setError(messageId, error);
    }
    setStatus(documentId, cancelled ? tr("Stopped: Summarize resumes it") : tr("Failed"));
    if (!cancelled)
        setNotice(error);
    endSummary();
    emit summaryStopped(messageId);
}

void DocumentsController::endSummary()
{
    m_viewTimer.stop();
    m_writer.reset();
    m_answerId = 0;
    m_streamConversationId = 0;
    m_summary.end();
}

// --- Citations ---

qint64 DocumentsController::documentOfMessage(qint64 messageId)
{
    qint64 found = 0;
    guarded([&] {
        const Message message = m_conversations->message(messageId);
        const QList<qint64> attached = m_documents->attachedDocuments(message.conversationId);
        if (attached.isEmpty())
            return;
        found = attached.first();
        // A summary answers "Summarize “TITLE”": with several documents, the one it names.
        const QString request =
            message.parentId ? m_conversations->message(message.parentId).content : QString();
        for (qint64 id : attached)
            if (request.contains(QStringLiteral("“%1”").arg(m_documents->document(id).title)))
                found = id;
    });
    return found;
}

void DocumentsController::openLink(qint64 messageId, const QString& link)
{
    if (!isCitationLink(link)) {
        QDesktopServices::openUrl(QUrl(link));
        return;
    }
    if (refusedInIncognito())
        return;
    const qint64 documentId = documentOfMessage(messageId);
    if (!documentId) {
        setNotice(tr("The document this citation points to is no longer attached to the conversation."));
        return;
    }
    showCitation(documentId, link);
}

void DocumentsController::showCitation(qint64 documentId, const QString& link)
{
    const CitationTarget target = parseCitationLink(link);
    StoredDocument stored;
    Document content;
    if (target.isEmpty() || !guarded([&] {
            stored = m_documents->document(documentId);
            content = m_documents->content(documentId);
        }))
        return;
    const QString text = citedText(content, target);
    emit citationShown(tr("%1 — %2").arg(stored.title, target.label),
                       text.isEmpty() ? tr("The cited text is not in the document.") : text);
}
