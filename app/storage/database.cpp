#include "database.h"

#include "core/datapaths.h"
#include "hearth/error.h"
#include "historyencryption.h"
#include "sqlerror.h"
#include "transaction.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Storage", text);
}

[[noreturn]] void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

QString uniqueConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("hearth-database-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Every SQLite file starts with these 16 bytes (https://sqlite.org/fileformat.html, "magic header").
constexpr char kSqliteMagic[] = "SQLite format 3";

} // namespace

QString Database::defaultFilePath()
{
    return DataPaths::dataDir() + QLatin1Char('/') + QLatin1String(kFileName);
}

Database::Database(QString filePath)
    : m_filePath(std::move(filePath)), m_connectionName(uniqueConnectionName())
{
}

Database::~Database()
{
    close();
}

bool Database::isOpen() const
{
    return m_db.isOpen();
}

void Database::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void Database::exec(const QString& sql, const QString& what)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        throwSqlError(what, query.lastError(), m_filePath);
}

int Database::schemaVersion() const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        throwSqlError(tr("could not read the database's schema version"), query.lastError(), m_filePath);
    return query.value(0).toInt();
}

void Database::openConnection(bool readOnly)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid())
        fail(tr("Qt's SQLite driver (QSQLITE) is not installed; install libqt6sql6-sqlite"));
    m_db.setDatabaseName(m_filePath);
    // Another Hearth process (the window and the CLI at once) may hold the write lock briefly.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        const QSqlError error = m_db.lastError();
        close();
        throwSqlError(tr("could not open the conversation database %1").arg(m_filePath), error, m_filePath);
    }
}

// Reads the schema (touching the first pages, where damage shows) and the schema version.
// Returns the error, if any.
QSqlError Database::readSchema(int* version)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
        return query.lastError();
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return query.lastError();
    *version = query.value(0).toInt();
    return {};
}

bool Database::isDamaged(const QSqlError& error)
{
    const int code = sqliteCode(error);
    return code == sqlite_code::NotADatabase || code == sqlite_code::Corrupt;
}

bool Database::checkExistingFile()
{
    QFile file(m_filePath);
    if (!file.exists() || file.size() == 0)
        return true; // SQLite starts an empty file as a new database
    if (!file.open(QIODevice::ReadOnly))
        fail(tr("could not read the conversation database %1: %2").arg(m_filePath, file.errorString()));
    if (file.read(sizeof kSqliteMagic) != QByteArray(kSqliteMagic, sizeof kSqliteMagic)) {
        moveAside();
        return true;
    }
    file.close();
    // Look read-only first: a read-write connection may checkpoint or delete the write-ahead log
    // when it closes, and a damaged or newer file must be kept exactly as it is.
    openConnection(true);
    int version = 0;
    const QSqlError error = readSchema(&version);
    close();
    if (isDamaged(error)) {
        moveAside();
        return true;
    }
    // A log left by a crash needs a writer to recover it: the read-write connection looks again.
    if (error.type() != QSqlError::NoError)
        return false;
    refuseNewer(version);
    return true;
}

void Database::refuseNewer(int version)
{
    if (version <= kSchemaVersion)
        return;
    close();
    fail(tr("the conversation database %1 was written by a newer version of Hearth (schema %2; this "
            "version reads up to %3). Update Hearth, or use another data folder with --data-dir. The "
            "file was left as it is.")
             .arg(m_filePath)
             .arg(version)
             .arg(kSchemaVersion));
}

void Database::moveAside()
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = m_filePath + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_filePath + QStringLiteral(".corrupt-%1-%2").arg(stamp).arg(n);
    if (!QFile::rename(m_filePath, target))
        fail(tr("the conversation database %1 is damaged and could not be moved aside to %2; move it "
                "yourself, then start Hearth again")
                 .arg(m_filePath, target));
    // The write-ahead log and its index belong to the damaged file: keep them with it.
    for (const char* suffix : {"-wal", "-shm"}) {
        const QString side = m_filePath + QLatin1String(suffix);
        if (QFileInfo::exists(side))
            QFile::rename(side, target + QLatin1String(suffix));
    }
    m_movedAsidePath = target;
}

QString Database::movedAsideNotice() const
{
    if (m_movedAsidePath.isEmpty())
        return {};
    return tr("The conversation database %1 could not be read (it is damaged or not a database). It was "
              "moved to %2 and a new, empty one was started.")
        .arg(m_filePath, m_movedAsidePath);
}

void Database::applyPragmas()
{
    QSqlQuery query(m_db);
    // WAL: readers never block the writer, and a crash leaves committed transactions intact.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        throwSqlError(tr("could not prepare the conversation database"), query.lastError(), m_filePath);
    // NORMAL is durable against a crash of Hearth in WAL mode; only a power loss may drop the
    // last transactions, and never corrupts the file.
    exec(QStringLiteral("PRAGMA synchronous=NORMAL"), tr("could not prepare the conversation database"));
    exec(QStringLiteral("PRAGMA foreign_keys=ON"), tr("could not prepare the conversation database"));
}

void Database::open(int upToVersion)
{
    close();
    m_movedAsidePath.clear();
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath()))
        fail(tr("could not create the data folder %1; check that the path is writable or choose another "
                "one with --data-dir")
                 .arg(info.absolutePath()));
    const bool checked = checkExistingFile();
    openConnection(false);
    try {
        int version = 0;
        const QSqlError error = readSchema(&version);
        if (!checked && isDamaged(error)) {
            close();
            moveAside();
            openConnection(false);
            version = 0;
        } else if (error.type() != QSqlError::NoError) {
            throwSqlError(tr("could not read the conversation database %1").arg(m_filePath), error, m_filePath);
        }
        refuseNewer(version); // also catches a newer Hearth writing since the check above
        applyPragmas();
        migrate(version, upToVersion);
        HistoryEncryption::prepareConnection(*this);
    } catch (...) {
        close();
        throw;
    }
}

void Database::migrate(int from, int to)
{
    using Step = void (Database::*)();
    static constexpr Step kSteps[kSchemaVersion] = {&Database::migrateTo1, &Database::migrateTo2,
                                                    &Database::migrateTo3, &Database::migrateTo4,
                                                    &Database::migrateTo5};
    for (int version = from + 1; version <= to; ++version) {
        const QString what = tr("could not upgrade the conversation database to schema %1; it was left at "
                                "schema %2")
                                 .arg(version)
                                 .arg(version - 1);
        Transaction transaction(*this, what);
        if (schemaVersion() >= version) // another process migrated meanwhile
            continue;
        (this->*kSteps[version - 1])();
        exec(QStringLiteral("PRAGMA user_version = %1").arg(version), what);
        transaction.commit();
    }
}

// Schema 1: conversations and their messages as a tree (edits and regenerations are siblings).
// Times are Unix milliseconds. active_leaf_id is kept by ConversationStore (no foreign key, so
// deleting messages never has to scan conversations).
void Database::migrateTo1()
{
    const QString what = tr("could not create the conversation tables");
    exec(QStringLiteral(R"(CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        title_source TEXT NOT NULL DEFAULT 'auto' CHECK (title_source IN ('auto', 'model', 'user')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        model_file TEXT NOT NULL DEFAULT '',
        model_name TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL DEFAULT '',
        settings TEXT NOT NULL DEFAULT '{}',
        pinned INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        active_leaf_id INTEGER))"),
         what);
    exec(QStringLiteral(R"(CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        model TEXT NOT NULL DEFAULT '',
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        generated_tokens INTEGER NOT NULL DEFAULT 0,
        tokens_per_second REAL NOT NULL DEFAULT 0,
        finish_reason TEXT NOT NULL DEFAULT ''))"),
         what);
    // The list page: not archived, pinned first, most recently active first.
    exec(QStringLiteral(
             "CREATE INDEX conversations_by_activity ON conversations (archived, pinned, updated_at)"),
         what);
    // Siblings of a message (same parent; roots have parent NULL) and a conversation's messages.
    exec(QStringLiteral("CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id)"), what);
    // The foreign key from a child to its parent needs its own index to cascade quickly.
    exec(QStringLiteral("CREATE INDEX messages_parent ON messages (parent_id)"), what);
}

// Schema 2: full-text search over message content. An external-content FTS5 table (the text is
// stored once, in messages) kept in step by triggers; existing messages are indexed here.
void Database::migrateTo2()
{
    createSearchIndex(QString());
}

// Schema 3: the search index gains prefix indexes for 2 and 3 characters. Every word of a search
// is matched as a prefix, and without them a short one ("ka*") merges the lists of every word it
// begins (0.2-0.7 s at 500,000 messages instead of 1 ms).
void Database::migrateTo3()
{
    const QString what = tr("could not rebuild the search index");
    for (const char* trigger : {"messages_fts_insert", "messages_fts_delete", "messages_fts_update"})
        exec(QStringLiteral("DROP TRIGGER %1").arg(QLatin1String(trigger)), what);
    exec(QStringLiteral("DROP TABLE messages_fts"), what);
    createSearchIndex(QStringLiteral(", prefix='2 3'"));
}

// Schema 4: documents (app/documents): each file once (by sha256), its citation parts (pages or
// sections), its chunks with an FTS5 index over their text, summaries with the notes made per
// chunk (so a stopped summary resumes from the last finished chunk), and which conversations
// have which documents attached. Deleting a document deletes everything made from it.
void Database::migrateTo4()
{
    const QString what = tr("could not create the document tables");
    exec(QStringLiteral(R"(CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL,
        pages INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL,
        chars INTEGER NOT NULL,
        ocr_pages INTEGER NOT NULL DEFAULT 0,
        token_counter TEXT NOT NULL DEFAULT '',
        chunk_budget INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL))"),
         what);
    exec(QStringLiteral(R"(CREATE TABLE document_parts (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        part_index INTEGER NOT NULL,
        page INTEGER NOT NULL DEFAULT 0,
        section TEXT NOT NULL DEFAULT '',
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        PRIMARY KEY (document_id, part_index)) WITHOUT ROWID)"),
         what);
    exec(QStringLiteral(R"(CREATE TABLE document_chunks (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        chunk_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        first_page INTEGER NOT NULL DEFAULT 0,
        last_page INTEGER NOT NULL DEFAULT 0,
        section TEXT NOT NULL DEFAULT '',
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        token_count INTEGER NOT NULL,
        UNIQUE (document_id, chunk_index)))"),
         what);
    createDocumentSearchIndex();
    exec(QStringLiteral(R"(CREATE TABLE document_summaries (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        style TEXT NOT NULL,
        focus TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        settings TEXT NOT NULL DEFAULT '{}',
        text TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        finished_at INTEGER))"),
         what);
    exec(QStringLiteral("CREATE INDEX document_summaries_by_document ON document_summaries (document_id)"),
         what);
    // round 0 holds the map step's notes (one per chunk); later rounds the reduce steps'.
    exec(QStringLiteral(R"(CREATE TABLE document_summary_notes (
        summary_id INTEGER NOT NULL REFERENCES document_summaries(id) ON DELETE CASCADE,
        round INTEGER NOT NULL,
        item_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        first_page INTEGER NOT NULL DEFAULT 0,
        last_page INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        generated_tokens INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (summary_id, round, item_index)) WITHOUT ROWID)"),
         what);
    exec(QStringLiteral(R"(CREATE TABLE conversation_documents (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        attached_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, document_id)) WITHOUT ROWID)"),
         what);
    // Deleting a document cascades through this table: it needs its own index on document_id.
    exec(QStringLiteral(
             "CREATE INDEX conversation_documents_by_document ON conversation_documents (document_id)"),
         what);
}

void Database::createSearchIndex(const QString& extraOptions)
{
    const QString what = tr("could not create the search index (SQLite needs FTS5)");
    exec(QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages', "
                        "content_rowid='id', tokenize='unicode61 remove_diacritics 2'%1)")
             .arg(extraOptions),
         what);
    exec(QStringLiteral(R"(CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
        END)"),
         what);
    exec(QStringLiteral(R"(CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        END)"),
         what);
    exec(QStringLiteral(R"(CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
        END)"),
         what);
    exec(QStringLiteral("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')"), what);
}

// The FTS5 index over document chunks and its triggers; indexes what is there already.
void Database::createDocumentSearchIndex()
{
    const QString indexWhat = tr("could not create the search index (SQLite needs FTS5)");
    exec(
        QStringLiteral("CREATE VIRTUAL TABLE document_chunks_fts USING fts5(text, content='document_chunks', "
                       "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        indexWhat);
    // Chunks are written once and deleted with their document, never edited: no update trigger.
    exec(QStringLiteral(R"(CREATE TRIGGER document_chunks_fts_insert AFTER INSERT ON document_chunks BEGIN
        INSERT INTO document_chunks_fts (rowid, text) VALUES (new.id, new.text);
        END)"),
         indexWhat);
    exec(QStringLiteral(R"(CREATE TRIGGER document_chunks_fts_delete AFTER DELETE ON document_chunks BEGIN
        INSERT INTO document_chunks_fts (document_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END)"),
         indexWhat);
    exec(QStringLiteral("INSERT INTO document_chunks_fts (document_chunks_fts) VALUES ('rebuild')"),
         indexWhat);
}

void Database::dropSearchIndexes()
{
    const QString what = tr("could not remove the search index");
    for (const char* trigger : {"messages_fts_insert", "messages_fts_delete", "messages_fts_update",
                                "document_chunks_fts_insert", "document_chunks_fts_delete"})
        exec(QStringLiteral("DROP TRIGGER IF EXISTS main.%1").arg(QLatin1String(trigger)), what);
    exec(QStringLiteral("DROP TABLE IF EXISTS main.messages_fts"), what);
    exec(QStringLiteral("DROP TABLE IF EXISTS main.document_chunks_fts"), what);
}

void Database::createSearchIndexes()
{
    createSearchIndex(QStringLiteral(", prefix='2 3'"));
    createDocumentSearchIndex();
}

// Schema 5: encrypted history (HistoryEncryption). One row while the history is encrypted, or
// being encrypted or decrypted: the Argon2id salt and limits, a value sealed with the key (to
// tell a wrong passphrase), and the state. No row: not encrypted.
void Database::migrateTo5()
{
    exec(QStringLiteral(R"(CREATE TABLE history_encryption (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL CHECK (state IN ('encrypting', 'on', 'decrypting')),
        salt BLOB NOT NULL,
        ops_limit INTEGER NOT NULL,
        mem_limit INTEGER NOT NULL,
        key_check BLOB NOT NULL))"),
         tr("could not create the encryption table"));
}
