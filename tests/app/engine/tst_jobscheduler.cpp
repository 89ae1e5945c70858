// The scheduling rule alone: which job gets the next step of the device.
#include "engine/jobscheduler.h"

#include <QtTest>

Q_DECLARE_METATYPE(QList<JobSlot>)

class TestJobScheduler : public QObject {
    Q_OBJECT

  private slots:
    void nextJob_data()
    {
        QTest::addColumn<QList<JobSlot>>("jobs");
        QTest::addColumn<qint64>("expected");
        const auto slot = [](qint64 id, const char* client, JobPriority priority, qint64 arrival, bool started) {
            return JobSlot{id, QString::fromLatin1(client), priority, arrival, started};
        };
        QTest::newRow("nothing to run") << QList<JobSlot>{} << qint64(0);
        QTest::newRow("equal priority: arrival order, the running job keeps the device")
            << QList<JobSlot>{slot(1, "a", JobPriority::Api, 1, true), slot(2, "b", JobPriority::Api, 2, false)}
            << qint64(1);
        QTest::newRow("a waiting chat turn overtakes a running summary")
            << QList<JobSlot>{slot(1, "summary", JobPriority::Background, 1, true),
                              slot(2, "chat:1", JobPriority::Interactive, 2, false)}
            << qint64(2);
        QTest::newRow("an API request overtakes a summary, not a chat turn")
            << QList<JobSlot>{slot(1, "summary", JobPriority::Background, 1, true),
                              slot(2, "api:1", JobPriority::Api, 2, false),
                              slot(3, "chat:1", JobPriority::Interactive, 3, false)}
            << qint64(3);
        QTest::newRow("the preempted summary resumes before a later summary")
            << QList<JobSlot>{slot(4, "summary:2", JobPriority::Background, 4, false),
                              slot(1, "summary:1", JobPriority::Background, 1, true)}
            << qint64(1);
        QTest::newRow("a client's later job waits for its earlier one, whatever its priority")
            << QList<JobSlot>{slot(1, "api:1", JobPriority::Background, 1, true),
                              slot(2, "api:1", JobPriority::Interactive, 2, false),
                              slot(3, "api:2", JobPriority::Api, 3, false)}
            << qint64(3);
    }

    void nextJob()
    {
        QFETCH(QList<JobSlot>, jobs);
        QFETCH(qint64, expected);
        QCOMPARE(::nextJob(jobs), expected);
    }
};

QTEST_GUILESS_MAIN(TestJobScheduler)
#include "tst_jobscheduler.moc"
