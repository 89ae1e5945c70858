#pragma once
// A write transaction that rolls back unless commit() is reached, so a failed write (disk full,
// read-only file) leaves the database exactly as it was.
#include "database.h"

#include <QSqlQuery>

class Transaction {
  public:
    // BEGIN IMMEDIATE: takes the write lock up front, so a second process waits (busy timeout)
    // instead of failing half-way through.
    explicit Transaction(Database& db, const QString& what) : m_db(db), m_what(what)
    {
        m_db.exec(QStringLiteral("BEGIN IMMEDIATE"), m_what);
    }
    ~Transaction()
    {
        if (!m_done)
            QSqlQuery(m_db.connection()).exec(QStringLiteral("ROLLBACK"));
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit()
    {
        m_db.exec(QStringLiteral("COMMIT"), m_what);
        m_done = true;
    }

  private:
    Database& m_db;
    QString m_what;
    bool m_done = false;
};
