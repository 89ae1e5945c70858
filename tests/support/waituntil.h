#pragma once
// Runs the event loop until a condition holds, without QTest::qWaitFor's 10 ms naps between
// rounds: a client and a loopback server in the same thread trade thousands of events, and the
// naps would make a 3 MB transfer take seconds.
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

template <class Condition> bool waitUntil(Condition condition, int timeoutMs = 20000)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}
