// ink imports react-devtools-core statically; the bundle never uses it (see TOOLCHAIN.md gotcha 7).
export default {connectToDevTools() {}};
