#pragma once
// The conversation database file: one SQLite connection (Qt's QSQLITE driver over the system
// SQLite), its pragmas, and the ordered schema migrations keyed by `PRAGMA user_version`.
//
// open() never loses a user's data: a file that is not a readable SQLite database is moved aside
// to `NAME.corrupt-DATE` (movedAsidePath() says where) and a fresh one is started; a file written
// by a newer Hearth is refused with an error and left untouched.
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

class Database {
  public:
    // The schema version this build writes; migrateTo1() .. migrateTo<kSchemaVersion>() exist.
    static constexpr int kSchemaVersion = 5;
    static constexpr const char* kFileName = "conversations.db";

    // `<data folder>/conversations.db` (see DataPaths).
    static QString defaultFilePath();

    explicit Database(QString filePath);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating the file and its folder when missing) and migrates to kSchemaVersion, or to
    // upToVersion when given (fixtures and tests only). Throws hearth::Error with a message for
    // the user when the file cannot be used.
    void open(int upToVersion = kSchemaVersion);
    void close();
    bool isOpen() const;

    QSqlDatabase& connection() { return m_db; }
    const QString& filePath() const { return m_filePath; }
    // Where a damaged file was moved by the last open(); empty when nothing was moved.
    const QString& movedAsidePath() const { return m_movedAsidePath; }
    // A sentence for the user about the moved file; empty when nothing was moved.
    QString movedAsideNotice() const;
    int schemaVersion() const;

    // Runs one statement; throws hearth::Error("<what>: <SQLite's reason>") on failure.
    void exec(const QString& sql, const QString& what);

    // The full-text indexes on disk (messages, document chunks) with their triggers. An encrypted
    // history has none (see HistoryEncryption): it drops them and decrypting creates them again.
    void dropSearchIndexes();
    void createSearchIndexes();
    // Whether this connection's in-memory search index (encrypted history) is still to be filled.
    bool memorySearchPending() const { return m_memorySearchPending; }
    void setMemorySearchPending(bool pending) { m_memorySearchPending = pending; }

  private:
    // Moves a damaged file aside and refuses a newer one; false when only a read-write
    // connection can tell (a write-ahead log left by a crash).
    bool checkExistingFile();
    QSqlError readSchema(int* version);
    static bool isDamaged(const QSqlError& error);
    void refuseNewer(int version);
    void openConnection(bool readOnly);
    void moveAside();
    void applyPragmas();
    void migrate(int from, int to);
    void migrateTo1();
    void migrateTo2();
    void migrateTo3();
    void migrateTo4();
    void migrateTo5();
    // The FTS5 table over messages.content and the triggers that keep it in step; indexes what
    // is there already.
    void createSearchIndex(const QString& extraOptions);
    void createDocumentSearchIndex();

    QString m_filePath;
    QString m_connectionName;
    QString m_movedAsidePath;
    QSqlDatabase m_db;
    bool m_memorySearchPending = false;
};
