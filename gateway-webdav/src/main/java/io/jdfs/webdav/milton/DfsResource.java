package io.jdfs.webdav.milton;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.DavPath;
import io.jdfs.webdav.Gateway;
import io.jdfs.webdav.lock.LockXml;
import io.milton.http.Auth;
import io.milton.http.Request;
import io.milton.property.PropertySource;
import io.milton.resource.MultiNamespaceCustomPropertyResource;
import io.milton.resource.PropFindableResource;

import javax.xml.namespace.QName;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A file or collection as milton sees it for PROPFIND. Authentication, locking and every write
 * are decided before milton is called, so authorise() lets everything through.
 */
public abstract class DfsResource implements PropFindableResource, MultiNamespaceCustomPropertyResource {
    static final QName LOCKDISCOVERY = new QName("DAV:", "lockdiscovery");
    static final QName SUPPORTEDLOCK = new QName("DAV:", "supportedlock");

    protected final Gateway gw;
    protected final FileStatus status;

    protected DfsResource(Gateway gw, FileStatus status) {
        this.gw = gw;
        this.status = status;
    }

    public FileStatus status() {
        return status;
    }

    @Override
    public String getUniqueId() {
        return Long.toHexString(status.inodeId());
    }

    @Override
    public String getName() {
        return status.path().equals("/") ? "" : status.name();
    }

    @Override
    public Object authenticate(String user, String password) {
        return user;
    }

    @Override
    public boolean authorise(Request request, Request.Method method, Auth auth) {
        return true;
    }

    @Override
    public String getRealm() {
        return "JDFS";
    }

    @Override
    public Date getModifiedDate() {
        return new Date(status.mtimeNanos() / 1_000_000);
    }

    @Override
    public Date getCreateDate() {
        return new Date(status.ctimeNanos() / 1_000_000);
    }

    @Override
    public String checkRedirect(Request request) {
        return null;
    }

    @Override
    public Object getProperty(QName name) {
        if (name.equals(LOCKDISCOVERY)) {
            return new RawXml(LockXml.discovery(gw.locks().covering(status.path()), gw.locks().now(), DavPath::encode));
        }
        if (name.equals(SUPPORTEDLOCK)) {
            return new RawXml(LockXml.SUPPORTED);
        }
        String v = gw.deadProperties().get(status.path()).get(name);
        return v == null ? null : new RawXml(v);
    }

    @Override
    public void setProperty(QName name, Object value) throws PropertySource.PropertySetException {
        throw new PropertySource.PropertySetException(io.milton.http.Response.Status.SC_FORBIDDEN,
                "PROPPATCH is handled by the gateway");
    }

    @Override
    public PropertySource.PropertyMetaData getPropertyMetaData(QName name) {
        if (name.equals(LOCKDISCOVERY) || name.equals(SUPPORTEDLOCK)) {
            return new PropertySource.PropertyMetaData(PropertySource.PropertyAccessibility.READ_ONLY, RawXml.class);
        }
        Map<QName, String> dead = gw.deadProperties().get(status.path());
        if (dead.containsKey(name)) {
            return new PropertySource.PropertyMetaData(PropertySource.PropertyAccessibility.WRITABLE, RawXml.class);
        }
        return PropertySource.PropertyMetaData.UNKNOWN;
    }

    @Override
    public List<QName> getAllPropertyNames() {
        List<QName> names = new ArrayList<>(List.of(LOCKDISCOVERY, SUPPORTEDLOCK));
        names.addAll(gw.deadProperties().get(status.path()).keySet());
        return names;
    }
}
