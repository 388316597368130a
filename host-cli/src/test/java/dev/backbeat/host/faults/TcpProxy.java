// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy for fault injection: drops every connection at once, or stalls them
 * (stops forwarding while keeping the sockets open, as a dead Wi-Fi link does), and counts the
 * bytes it forwards each way (the bytes on the wire).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final AtomicLong downstreamBytes = new AtomicLong();
    private volatile boolean stalled;
    private volatile boolean refusing;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Bytes from clients to the broker. */
    public long upstreamBytes() {
        return upstreamBytes.get();
    }

    /** Bytes from the broker to clients. */
    public long downstreamBytes() {
        return downstreamBytes.get();
    }

    /** Closes every open connection (new ones are accepted). */
    public void dropAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Stops (true) or resumes (false) forwarding on every connection without closing it. */
    public void stall(boolean stall) {
        this.stalled = stall;
    }

    /**
     * Refuses (true: closes each new connection at once, as a broken uplink does) or takes (false)
     * new connections; open ones are left as they are ({@link #dropAll} closes them).
     */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException refused) {
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, upstreamBytes);
                pump(upstream, client, downstreamBytes);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread.ofPlatform().daemon().name("proxy-pump").start(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    while (stalled && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, read);
                    counter.addAndGet(read);
                }
            } catch (IOException | InterruptedException ended) {
                // the other side or a drop closed it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
    }
}
