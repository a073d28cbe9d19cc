/**
 * The engine's ports kept in a workspace folder: {@link dev.reprise.store.H2Store} opens the folder for
 * one process and gives the run and flow stores (an H2 file, schema by Flyway migrations in
 * {@code db/migration}), the artifact store ({@link dev.reprise.store.FileArtifactStore}) and the log
 * store ({@link dev.reprise.store.FileLogStore}). Nothing outside {@code app} and {@code workspace}
 * should depend on this package; everyone else sees the interfaces of {@code dev.reprise.engine}.
 */
package dev.reprise.store;
