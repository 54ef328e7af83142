import { AddressInfo, createServer, Server, Socket } from 'node:net';

/** A mail as the sink took it: the headers the tests compare and the raw message. */
export interface SunkMail {
  messageId: string;
  outboxId: string;
  to: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** Every message the sink accepted (answered 250 to), in order, duplicates included. */
  mails: SunkMail[];
  close(): Promise<void>;
}

/**
 * The smallest SMTP server the mail transport talks to (no TLS, no auth): enough to count what a
 * worker really delivered. `beforeAccept` runs once a message is fully received and before the
 * 250 that tells the client it was taken; `accept: false` from it drops the connection instead.
 * That is the window in which a crash makes a duplicate unavoidable.
 */
export async function startSmtpSink(beforeAccept: (mail: SunkMail) => Promise<{ accept: boolean }> | { accept: boolean } = () => ({ accept: true })): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a killed client resets the connection
    let buffer = '';
    let inData = false;
    let busy = Promise.resolve();
    const reply = (line: string) => void (socket.writable && socket.write(`${line}\r\n`));
    reply('220 sink ESMTP');

    const command = (line: string): void => {
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') reply('250-sink\r\n250 8BITMIME');
      else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') reply('250 OK');
      else if (verb === 'DATA') {
        inData = true;
        reply('354 go ahead');
      } else if (verb === 'QUIT') {
        reply('221 bye');
        socket.end();
      } else reply('502 not implemented');
    };

    const message = async (raw: string): Promise<void> => {
      const mail = parse(raw);
      const { accept } = await beforeAccept(mail);
      if (!accept) {
        socket.destroy();
        return;
      }
      mails.push(mail);
      reply('250 OK queued');
    };

    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      // Commands and messages are handled one after the other, as they arrived.
      busy = busy.then(async () => {
        for (;;) {
          if (inData) {
            const end = buffer.indexOf('\r\n.\r\n');
            if (end < 0) return;
            const raw = buffer.slice(0, end + 2).replace(/\r\n\.\./g, '\r\n.');
            buffer = buffer.slice(end + 5);
            inData = false;
            await message(raw);
          } else {
            const end = buffer.indexOf('\r\n');
            if (end < 0) return;
            const line = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            command(line);
          }
        }
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    mails,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

function parse(raw: string): SunkMail {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n(?=[ \t])/g, ' ');
  const header = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
  return { messageId: header('Message-ID'), outboxId: header('X-Outbox-Id'), to: header('To'), raw };
}
