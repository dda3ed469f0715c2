package io.jdfs.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every control message on the wire: a closed set of records, serialised by Jackson with their simple
 * name as the type tag. Bulk data never travels as a Message: see io.jdfs.rpc.DataPacket.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
public sealed interface Message
        permits Handshake, Reply, ClientRequest, AdminRequest, DataServerRequest, TransferRequest {
}
