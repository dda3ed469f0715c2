package io.jdfs.protocol;

/**
 * A path refused by validation. Unchecked, because it is thrown while parsing user input, often in
 * places (constructors, lambdas) that cannot declare IOException; RPC layers turn it into INVALID_PATH.
 */
public class InvalidPathException extends IllegalArgumentException {
    public InvalidPathException(String message) {
        super(message);
    }
}
