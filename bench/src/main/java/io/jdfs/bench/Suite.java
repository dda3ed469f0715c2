package io.jdfs.bench;

/** One suite of figures; it adds its figures to the report and cleans up what it wrote. */
interface Suite {
    String name();

    /** True when the suite needs the cluster in this process (it stops servers or reads the heap). */
    default boolean needsLocalCluster() {
        return false;
    }

    void run(Context ctx) throws Exception;
}
