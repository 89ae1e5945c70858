#include "historyencryption.h"

#include "core/historycipher.h"
#include "hearth/error.h"
#include "historykeys.h"
#include "sqlerror.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <sqlite3.h>
#include <tuple>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Storage", text);
}

[[noreturn]] void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

// The columns kept sealed, with the row key bound into each value's associated data.
struct SealedTable {
    const char* table;
    const char* key;            // an SQL expression naming the row
    const char* newKey;         // the same over the trigger's NEW row
    const char* match;          // the WHERE that finds the NEW row
    const char* primary;        // the primary key as a row value, for batches: "(a, b)"
    const char* primaryColumns; // the same as a column list: "a, b"
    QList<const char*> columns;
};

const QList<SealedTable>& sealedTables()
{
    static const QList<SealedTable> tables = {
        {"conversations", "id", "new.id", "id = new.id", "id", "id", {"title", "system_prompt"}},
        {"messages", "id", "new.id", "id = new.id", "id", "id", {"content", "reasoning"}},
        {"documents", "id", "new.id", "id = new.id", "id", "id", {"path", "title", "author"}},
        {"document_parts",
         "document_id || ':' || part_index",
         "new.document_id || ':' || new.part_index",
         "document_id = new.document_id AND part_index = new.part_index",
         "(document_id, part_index)",
         "document_id, part_index",
         {"section"}},
        {"document_chunks", "id", "new.id", "id = new.id", "id", "id", {"text", "section"}},
        {"document_summaries", "id", "new.id", "id = new.id", "id", "id", {"text"}},
        {"document_summary_notes",
         "summary_id || ':' || round || ':' || item_index",
         "new.summary_id || ':' || new.round || ':' || new.item_index",
         "summary_id = new.summary_id AND round = new.round AND item_index = new.item_index",
         "(summary_id, round, item_index)",
         "summary_id, round, item_index",
         {"text"}},
    };
    return tables;
}

constexpr const char* kCheckText = "hearth history key";
constexpr const char* kCheckPlace = "history_encryption/check/1";

QByteArray placeOf(sqlite3_value** argv)
{
    // table/column/key: a value sealed for one place does not open in another.
    QByteArray place(reinterpret_cast<const char*>(sqlite3_value_text(argv[1])));
    place += '/';
    place += reinterpret_cast<const char*>(sqlite3_value_text(argv[2]));
    place += '/';
    place += reinterpret_cast<const char*>(sqlite3_value_text(argv[3]));
    return place;
}

const QString& filePathOf(sqlite3_context* context)
{
    return *static_cast<const QString*>(sqlite3_user_data(context));
}

const char kLockedMessage[] = "the history is encrypted and locked: unlock it with its passphrase first";

void sealFunction(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || sqlite3_value_bytes(argv[0]) == 0) {
        sqlite3_result_value(context, argv[0]); // sealed already, or empty (which tells nothing)
        return;
    }
    const auto key = history_keys::find(filePathOf(context));
    if (!key) {
        sqlite3_result_error(context, kLockedMessage, -1);
        return;
    }
    const QByteArray plain(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                           sqlite3_value_bytes(argv[0]));
    const QByteArray sealed = history_cipher::seal(*key, plain, placeOf(argv));
    sqlite3_result_blob(context, sealed.constData(), int(sealed.size()), SQLITE_TRANSIENT);
}

void openFunction(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
        sqlite3_result_value(context, argv[0]);
        return;
    }
    const auto key = history_keys::find(filePathOf(context));
    if (!key) {
        sqlite3_result_error(context, kLockedMessage, -1);
        return;
    }
    const QByteArray sealed(static_cast<const char*>(sqlite3_value_blob(argv[0])),
                            sqlite3_value_bytes(argv[0]));
    const auto plain = history_cipher::open(*key, sealed, placeOf(argv));
    if (!plain) {
        sqlite3_result_error(
            context, "a value in the history could not be decrypted (damaged, or not sealed for this row)",
            -1);
        return;
    }
    sqlite3_result_text(context, plain->constData(), int(plain->size()), SQLITE_TRANSIENT);
}

void deletePath(void* path)
{
    delete static_cast<QString*>(path);
}

void registerFunctions(Database& db)
{
    const QVariant handle = db.connection().driver()->handle();
    sqlite3* sqlite = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
                          ? *static_cast<sqlite3* const*>(handle.constData())
                          : nullptr;
    if (!sqlite)
        fail(tr("could not prepare the conversation database: no SQLite handle"));
    // hearth_seal draws a fresh nonce per call, so only hearth_open may be declared deterministic.
    for (auto [name, function, flags] :
         {std::tuple{"hearth_seal", &sealFunction, SQLITE_UTF8},
          std::tuple{"hearth_open", &openFunction, SQLITE_UTF8 | SQLITE_DETERMINISTIC}}) {
        if (sqlite3_create_function_v2(sqlite, name, 4, flags, new QString(db.filePath()), function, nullptr,
                                       nullptr, &deletePath) != SQLITE_OK)
            fail(tr("could not prepare the conversation database: %1")
                     .arg(QString::fromUtf8(sqlite3_errmsg(sqlite))));
    }
}

QSqlQuery run(Database& db, const QString& sql, std::initializer_list<QVariant> values, const QString& what)
{
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throwSqlError(what, query.lastError(), db.filePath());
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        throwSqlError(what, query.lastError(), db.filePath());
    return query;
}

bool hasEncryptionTable(Database& db)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'history_encryption'"), {},
                      tr("could not read the history's encryption state"));
    return q.next();
}

struct KeyParameters {
    QByteArray salt;
    quint64 opsLimit = 0;
    quint64 memLimit = 0;
    QByteArray check;
};

KeyParameters readParameters(Database& db)
{
    QSqlQuery q =
        run(db, QStringLiteral("SELECT salt, ops_limit, mem_limit, key_check FROM history_encryption"), {},
            tr("could not read the history's encryption state"));
    if (!q.next())
        fail(tr("the history is not encrypted"));
    return {q.value(0).toByteArray(), q.value(1).toULongLong(), q.value(2).toULongLong(),
            q.value(3).toByteArray()};
}

// The key for passphrase, or an error saying plainly that it is the wrong one.
history_cipher::Key checkedKey(Database& db, const QString& passphrase)
{
    const KeyParameters p = readParameters(db);
    history_cipher::Key key = history_cipher::deriveKey(passphrase, p.salt, p.opsLimit, p.memLimit);
    const auto check = history_cipher::open(key, p.check, kCheckPlace);
    if (!check || *check != kCheckText) {
        history_cipher::wipe(key);
        throw WrongPassphraseError(
            tr("wrong passphrase: the history was not unlocked and nothing was changed").toStdString());
    }
    return key;
}

void setState(Database& db, HistoryEncryption::State state, const QString& what)
{
    run(db, QStringLiteral("UPDATE history_encryption SET state = ?"), {HistoryEncryption::stateName(state)},
        what);
}

// Temporary objects live in memory only, never in the file or its log.
// SQLite forbids qualified names inside a trigger's body: there `messages_fts` finds the temp
// index first (an encrypted file has none in main) and `messages` the main table.
void createTemporaryObjects(Database& db, bool sealWrites)
{
    const QString what = tr("could not prepare the encrypted history");
    db.exec(QStringLiteral("PRAGMA temp_store = MEMORY"), what);
    db.exec(QStringLiteral("PRAGMA secure_delete = ON"), what);
    // Large transactions keep their pages in memory: a page is written to the log only once its
    // values are sealed.
    db.exec(QStringLiteral("PRAGMA cache_spill = OFF"), what);
    db.exec(QStringLiteral("DROP TABLE IF EXISTS temp.messages_fts"), what);
    db.exec(QStringLiteral("DROP TABLE IF EXISTS temp.document_chunks_fts"), what);
    db.exec(QStringLiteral("CREATE VIRTUAL TABLE temp.messages_fts USING fts5(content, "
                           "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
            what);
    db.exec(QStringLiteral("CREATE VIRTUAL TABLE temp.document_chunks_fts USING fts5(text, "
                           "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
            what);
    const QString messageText = QStringLiteral("hearth_open(new.content, 'messages', 'content', new.id)");
    db.exec(QStringLiteral(
                "CREATE TEMP TRIGGER IF NOT EXISTS memory_fts_messages_insert AFTER INSERT ON main.messages "
                "BEGIN INSERT INTO messages_fts (rowid, content) VALUES (new.id, %1); END")
                .arg(messageText),
            what);
    db.exec(QStringLiteral(
                "CREATE TEMP TRIGGER IF NOT EXISTS memory_fts_messages_update AFTER UPDATE OF content ON "
                "main.messages BEGIN DELETE FROM messages_fts WHERE rowid = old.id; "
                "INSERT INTO messages_fts (rowid, content) VALUES (new.id, %1); END")
                .arg(messageText),
            what);
    db.exec(QStringLiteral(
                "CREATE TEMP TRIGGER IF NOT EXISTS memory_fts_messages_delete AFTER DELETE ON main.messages "
                "BEGIN DELETE FROM messages_fts WHERE rowid = old.id; END"),
            what);
    db.exec(QStringLiteral("CREATE TEMP TRIGGER IF NOT EXISTS memory_fts_chunks_insert AFTER INSERT ON "
                           "main.document_chunks BEGIN INSERT INTO document_chunks_fts (rowid, text) "
                           "VALUES (new.id, hearth_open(new.text, 'document_chunks', 'text', new.id)); END"),
            what);
    db.exec(QStringLiteral(
                "CREATE TEMP TRIGGER IF NOT EXISTS memory_fts_chunks_delete AFTER DELETE ON "
                "main.document_chunks BEGIN DELETE FROM document_chunks_fts WHERE rowid = old.id; END"),
            what);
    if (!sealWrites)
        return;
    for (const SealedTable& t : sealedTables()) {
        for (const char* column : t.columns) {
            const QString body =
                QStringLiteral("WHEN typeof(new.%2) = 'text' AND new.%2 <> '' BEGIN UPDATE %1 SET %2 = "
                               "hearth_seal(new.%2, '%1', '%2', %3) WHERE %4; END")
                    .arg(QLatin1String(t.table), QLatin1String(column), QLatin1String(t.newKey),
                         QLatin1String(t.match));
            db.exec(QStringLiteral(
                        "CREATE TEMP TRIGGER IF NOT EXISTS seal_%1_%2_insert AFTER INSERT ON main.%1 %3")
                        .arg(QLatin1String(t.table), QLatin1String(column), body),
                    what);
            db.exec(
                QStringLiteral(
                    "CREATE TEMP TRIGGER IF NOT EXISTS seal_%1_%2_update AFTER UPDATE OF %2 ON main.%1 %3")
                    .arg(QLatin1String(t.table), QLatin1String(column), body),
                what);
        }
    }
}

void dropTemporaryObjects(Database& db)
{
    const QString what = tr("could not prepare the conversation database");
    QSqlQuery q =
        run(db, QStringLiteral("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'"), {}, what);
    QStringList triggers;
    while (q.next())
        triggers.append(q.value(0).toString());
    q.finish();
    for (const QString& trigger : triggers)
        db.exec(QStringLiteral("DROP TRIGGER temp.%1").arg(trigger), what);
    db.exec(QStringLiteral("DROP TABLE IF EXISTS temp.messages_fts"), what);
    db.exec(QStringLiteral("DROP TABLE IF EXISTS temp.document_chunks_fts"), what);
    db.setMemorySearchPending(false);
}

qint64 countValues(Database& db, const char* condition)
{
    qint64 total = 0;
    for (const SealedTable& t : sealedTables())
        for (const char* column : t.columns) {
            QSqlQuery q = run(
                db,
                QStringLiteral("SELECT count(*) FROM main.%1 WHERE %2")
                    .arg(QLatin1String(t.table), QString::fromLatin1(condition).arg(QLatin1String(column))),
                {}, tr("could not count the history's values"));
            if (q.next())
                total += q.value(0).toLongLong();
        }
    return total;
}

const char kPlainCondition[] = "typeof(%1) = 'text' AND %1 <> ''";
const char kSealedCondition[] = "typeof(%1) = 'blob'";

// Test hook: the crash test slows the batches down to kill the process part-way.
int testBatchDelayMs()
{
    return qEnvironmentVariableIntValue("HEARTH_TEST_ENCRYPTION_BATCH_DELAY_MS");
}

// Rewrites the values matching condition with function (hearth_seal or hearth_open), a batch per
// transaction, until none is left. Returns false when progress asked to stop.
bool convertInBatches(Database& db, const char* condition, const char* function,
                      const HistoryEncryption::Progress& progress, const QString& what)
{
    const int batch = testBatchDelayMs() > 0 ? 5 : 200;
    const qint64 total = countValues(db, condition);
    qint64 done = 0;
    if (progress && !progress(done, total))
        return false;
    for (const SealedTable& t : sealedTables()) {
        for (const char* column : t.columns) {
            const QString where = QString::fromLatin1(condition).arg(QLatin1String(column));
            for (;;) {
                Transaction transaction(db, what);
                QSqlQuery q = run(db,
                                  QStringLiteral("UPDATE main.%1 SET %2 = %3(%2, '%1', '%2', %4) WHERE %5 IN "
                                                 "(SELECT %6 FROM main.%1 WHERE %7 LIMIT %8)")
                                      .arg(QLatin1String(t.table), QLatin1String(column),
                                           QLatin1String(function), QLatin1String(t.key),
                                           QLatin1String(t.primary), QLatin1String(t.primaryColumns), where)
                                      .arg(batch),
                                  {}, what);
                const int changed = q.numRowsAffected();
                q.finish();
                transaction.commit();
                if (changed <= 0)
                    break;
                done += changed;
                if (testBatchDelayMs() > 0)
                    QThread::msleep(testBatchDelayMs());
                if (progress && !progress(done, total))
                    return false;
            }
        }
    }
    return true;
}

// Empties the log and rewrites the file, so that no page from before remains anywhere.
void scrubFile(Database& db, const QString& what)
{
    db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), what);
    db.exec(QStringLiteral("VACUUM"), what);
    db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), what);
}

} // namespace

QString HistoryEncryption::stateName(State state)
{
    switch (state) {
    case State::Off:
        return QStringLiteral("off");
    case State::Encrypting:
        return QStringLiteral("encrypting");
    case State::On:
        return QStringLiteral("on");
    case State::Decrypting:
        return QStringLiteral("decrypting");
    }
    return {};
}

HistoryEncryption::State HistoryEncryption::state(Database& db)
{
    if (!hasEncryptionTable(db))
        return State::Off;
    QSqlQuery q = run(db, QStringLiteral("SELECT state FROM history_encryption"), {},
                      tr("could not read the history's encryption state"));
    if (!q.next())
        return State::Off;
    const QString name = q.value(0).toString();
    for (State s : {State::Encrypting, State::On, State::Decrypting})
        if (name == stateName(s))
            return s;
    return State::Off;
}

void HistoryEncryption::prepareConnection(Database& db)
{
    registerFunctions(db);
    const State s = state(db);
    if (s == State::Off)
        return;
    createTemporaryObjects(db, s != State::Decrypting);
    db.setMemorySearchPending(true);
    if (history_keys::find(db.filePath()))
        prepareSearch(db);
}

bool HistoryEncryption::isLocked(Database& db)
{
    return state(db) != State::Off && !history_keys::find(db.filePath());
}

void HistoryEncryption::unlock(Database& db, const QString& passphrase)
{
    const State s = state(db);
    if (s == State::Off)
        return;
    history_keys::remember(db.filePath(), checkedKey(db, passphrase));
    if (s == State::Encrypting || (s == State::On && plainValues(db) > 0))
        encrypt(db, passphrase);
    prepareSearch(db);
}

void HistoryEncryption::encrypt(Database& db, const QString& passphrase, const Progress& progress)
{
    const QString what =
        tr("could not encrypt the history; what was encrypted stays readable, run it again to go on");
    State s = state(db);
    if (s == State::Decrypting)
        fail(tr("the history is being decrypted; finish that first (hearth-cli history decrypt)"));
    if (s == State::Off) {
        if (passphrase.isEmpty())
            fail(tr("the passphrase is empty"));
        const QByteArray salt = history_cipher::randomSalt();
        history_cipher::Key key =
            history_cipher::deriveKey(passphrase, salt, history_cipher::kOpsLimit, history_cipher::kMemLimit);
        const QByteArray check = history_cipher::seal(key, kCheckText, kCheckPlace);
        // One transaction: the parameters, the state and the end of the search index on disk
        // (which would keep every word in the clear) come together or not at all.
        Transaction transaction(db, what);
        run(db,
            QStringLiteral(
                "INSERT INTO history_encryption (id, state, salt, ops_limit, mem_limit, key_check) "
                "VALUES (1, 'encrypting', ?, ?, ?, ?)"),
            {salt, qint64(history_cipher::kOpsLimit), qint64(history_cipher::kMemLimit), check}, what);
        db.dropSearchIndexes();
        transaction.commit();
        history_keys::remember(db.filePath(), key);
        history_cipher::wipe(key);
        s = State::Encrypting;
    } else {
        history_keys::remember(db.filePath(), checkedKey(db, passphrase));
    }
    createTemporaryObjects(db, true);
    db.setMemorySearchPending(true);
    if (!convertInBatches(db, kPlainCondition, "hearth_seal", progress, what))
        return;
    if (s == State::Encrypting)
        setState(db, State::On, what);
    scrubFile(db, what);
}

void HistoryEncryption::decrypt(Database& db, const QString& passphrase, const Progress& progress)
{
    const QString what = tr("could not decrypt the history; run it again to go on");
    if (state(db) == State::Off)
        fail(tr("the history is not encrypted"));
    history_keys::remember(db.filePath(), checkedKey(db, passphrase));
    setState(db, State::Decrypting, what);
    dropTemporaryObjects(db);
    createTemporaryObjects(db, false); // search keeps working meanwhile
    db.setMemorySearchPending(true);
    if (!convertInBatches(db, kSealedCondition, "hearth_open", progress, what))
        return;
    dropTemporaryObjects(db);
    {
        Transaction transaction(db, what);
        db.createSearchIndexes();
        run(db, QStringLiteral("DELETE FROM history_encryption"), {}, what);
        transaction.commit();
    }
    history_keys::forget(db.filePath());
    db.exec(QStringLiteral("PRAGMA secure_delete = OFF"), what);
}

qint64 HistoryEncryption::plainValues(Database& db)
{
    return countValues(db, kPlainCondition);
}

qint64 HistoryEncryption::sealedValues(Database& db)
{
    return countValues(db, kSealedCondition);
}

void HistoryEncryption::prepareSearch(Database& db)
{
    if (!db.memorySearchPending() || !history_keys::find(db.filePath()))
        return;
    const QString what = tr("could not build the search index of the encrypted history");
    db.exec(QStringLiteral("DELETE FROM temp.messages_fts"), what);
    db.exec(QStringLiteral("INSERT INTO temp.messages_fts (rowid, content) "
                           "SELECT id, hearth_open(content, 'messages', 'content', id) FROM main.messages"),
            what);
    db.exec(QStringLiteral("DELETE FROM temp.document_chunks_fts"), what);
    db.exec(QStringLiteral(
                "INSERT INTO temp.document_chunks_fts (rowid, text) "
                "SELECT id, hearth_open(text, 'document_chunks', 'text', id) FROM main.document_chunks"),
            what);
    db.setMemorySearchPending(false);
}
