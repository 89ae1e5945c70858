#pragma once
// Turns a failed SQLite call into hearth::Error with a sentence the user can act on
// ("the disk is full", "the folder is read-only", "the file is damaged") plus SQLite's own text.
#include <QSqlError>
#include <QString>

namespace sqlite_code {
// Primary SQLite result codes this layer reacts to (sqlite3.h); the driver reports them as text.
constexpr int Busy = 5;
constexpr int Locked = 6;
constexpr int ReadOnly = 8;
constexpr int IoError = 10;
constexpr int Corrupt = 11;
constexpr int Full = 13;
constexpr int CantOpen = 14;
constexpr int NotADatabase = 26;
} // namespace sqlite_code

// The primary SQLite result code behind error, or 0 when there is none.
int sqliteCode(const QSqlError& error);

// Throws hearth::Error: "<what>: <explanation> (<SQLite's text>)". what is e.g. "could not save the message".
// databaseFile: the file the statement ran on. SQLite reports a full disk as a plain I/O error when
// it fails to grow the WAL index or the journal, so the free space of its folder decides then.
[[noreturn]] void throwSqlError(const QString& what, const QSqlError& error, const QString& databaseFile);
