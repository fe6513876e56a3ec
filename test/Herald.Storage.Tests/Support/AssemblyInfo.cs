// The PostgreSQL tests start servers and child processes on a 2-core machine: one class at a
// time keeps their deadlines meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
