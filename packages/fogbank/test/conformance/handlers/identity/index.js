// id_function.py: returns the event.
exports.handler = async (event) => event;
