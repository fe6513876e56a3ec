// Child-process nodes, PostgreSQL and Chromium on a small machine: one test at a time keeps the deadlines meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
