#pragma once
// Encrypted history (opt-in): message text and reasoning, conversation titles and system
// prompts, documents' paths, titles and authors, their chunks and section headings, summaries
// and their notes are stored sealed (core/historycipher.h) under a key derived from a
// passphrase. Left in the clear: times, sizes, counts, roles, model names and files, generation
// settings, a document's sha256 and format, a summary's style, focus and language. The key parameters (salt,
// Argon2id limits, a sealed check value) and the state live in the history_encryption table (schema 5).
//
// How it works in SQL: every connection gets two functions, hearth_seal(value, table, column,
// key) and hearth_open(...), that seal or open one value with the key of its file
// (storage/historykeys.h); plain text passes hearth_open unchanged, so a row tells by its type
// (TEXT or BLOB) whether it is sealed. The stores read through hearth_open; on an encrypted file
// temporary triggers seal every new or changed value in the same statement, with
// `secure_delete` zeroing the plaintext's old cell.
//
// Search: an FTS index on disk would hold every word in the clear, so an encrypted file has
// none. Each connection keeps its own FTS5 index in memory (temp schema, temp_store=MEMORY),
// filled from the decrypted rows on first search and kept in step by temporary triggers. Cost:
// memory about the size of the text, and the fill at the first search after opening.
//
// Turning it on seals the existing rows in place in batches of one transaction each; the rows
// themselves are the progress marker (TEXT still to do, BLOB done), so a crash part-way loses
// nothing and the next encrypt or unlock carries on. At the end the write-ahead log is emptied
// and the file vacuumed, so no old plaintext page remains.
//
// Other connections to the file opened before encrypt() or decrypt() lack (or keep) the
// temporary triggers and the in-memory index: whoever calls them reopens its databases after.
#include "database.h"
#include "hearth/error.h"

#include <functional>
#include <QString>

// The passphrase does not fit the history (so that the window can say so in its own words).
class WrongPassphraseError : public hearth::Error {
  public:
    using hearth::Error::Error;
};

class HistoryEncryption {
  public:
    enum class State { Off, Encrypting, On, Decrypting };
    static State state(Database& db);
    static QString stateName(State state); // "off", "encrypting", "on", "decrypting"

    // For Database::open: the SQL functions, and on an encrypted file the sealing triggers and
    // the in-memory search index.
    static void prepareConnection(Database& db);
    // Encrypted (or part-way) and no key for the file in this process.
    static bool isLocked(Database& db);
    // Checks the passphrase and remembers the key for every connection to the file; resumes an
    // encryption stopped part-way. Throws WrongPassphraseError and changes nothing when it does
    // not fit.
    static void unlock(Database& db, const QString& passphrase);

    // Called with the values done and to do; returning false stops after the current batch.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    // Turns encryption on (or finishes it) with passphrase; when it is already on, the
    // passphrase must be the one in use.
    static void encrypt(Database& db, const QString& passphrase, const Progress& progress = {});
    // Turns it off: every value opened in place, the search index on disk rebuilt.
    static void decrypt(Database& db, const QString& passphrase, const Progress& progress = {});
    // Values still in plain text (encrypting) or sealed (decrypting).
    static qint64 plainValues(Database& db);
    static qint64 sealedValues(Database& db);

    // Fills this connection's in-memory search index when it is not yet; the stores call it
    // before a search. No effect on a file that is not encrypted.
    static void prepareSearch(Database& db);
};
