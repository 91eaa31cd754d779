#!/usr/bin/env node
/**
 * synack's entry: parse arguments and pick a command. Everything else lives in commands/.
 */
import meow from 'meow';
import {readFileSync} from 'node:fs';
import {simTcpCommand} from './commands/sim-tcp.js';

const cli = meow(
	`
	Usage
	  $ synack sim tcp SCRIPT [--json]   run a TCP script (YAML or JSON; - for stdin)

	Options
	  --json       print one JSON document instead of the text diagram
	  --help       show this help
	  --version    show the version

	Examples
	  $ synack sim tcp test/fixtures/tcp/handshake.yaml
	  $ synack sim tcp test/fixtures/tcp/syn-lost-linux.yaml --json
`,
	{
		importMeta: import.meta,
		flags: {json: {type: 'boolean', default: false}},
		allowUnknownFlags: false,
	},
);

const [command, sub, ...rest] = cli.input;
const io = {
	stdout: (s: string) => process.stdout.write(s),
	stderr: (s: string) => process.stderr.write(s),
	readStdin: () => readFileSync(0, 'utf8'),
};

function usage(message: string): number {
	process.stderr.write(`synack: ${message}\nRun synack --help for the commands.\n`);
	return 2;
}

function main(): number {
	if (command === 'sim') {
		if (sub !== 'tcp') return usage(sub ? `no model '${sub}' to simulate (available: tcp)` : 'sim needs a model: synack sim tcp SCRIPT');
		if (rest.length > 1) return usage(`sim tcp takes one script, got ${rest.length}`);
		return simTcpCommand(rest[0], {json: cli.flags.json}, io);
	}
	if (command === undefined) {
		cli.showHelp(0);
		return 0;
	}
	return usage(`unknown command '${command}'`);
}

process.exitCode = main();
