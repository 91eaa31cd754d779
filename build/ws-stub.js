// ink's devtools (loaded only when DEV=true) set `globalThis.WebSocket ||= ws` before connecting
// to react-devtools-core, which the bundle replaces by build/devtools-stub.js: the devtools never
// connect from a bundle, so the `ws` package (130 kB that every start-up had to parse) is not
// bundled either. Nothing constructs this.
export default class WebSocket {
	constructor() {
		throw new Error('no WebSocket in the bundle: ink devtools are not bundled (TOOLCHAIN.md gotcha 7)');
	}
}
