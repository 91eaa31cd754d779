// The baseline: a bare hello-world Ink app, bundled exactly like the CLI.
import {Text, render, useApp, useInput} from 'ink';

function Hello() {
	const {exit} = useApp();
	useInput((input) => {
		if (input === 'q') exit();
	});
	return <Text>Hello, world</Text>;
}

render(<Hello />);
