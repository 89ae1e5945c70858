#pragma once
// The scheduling rule of the engine service, in one place and free of threads so it can be
// tested on its own: which waiting or running job gets the next step (one prompt chunk or one
// token) of the one device.
#include "enginejob.h"

#include <QList>
#include <QString>

struct JobSlot {
    qint64 id = 0;
    QString clientId;
    JobPriority priority = JobPriority::Interactive;
    qint64 arrival = 0; // order of submission
    bool started = false;
};

// The highest priority wins, then the earliest arrival. A job waits while an earlier job of its
// own client is unfinished, since both would run in the client's one session. Returns 0 when
// no job can run.
qint64 nextJob(const QList<JobSlot>& jobs);
