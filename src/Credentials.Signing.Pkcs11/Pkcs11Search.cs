using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>Object searches and attribute reads on a session, with Pkcs11Interop's attribute buffers freed after use.</summary>
internal static class Pkcs11Search
{
    /// <summary>Every object of <paramref name="objectClass"/> with the label and id given (either may be left out).</summary>
    public static List<IObjectHandle> Find(ISession session, CKO objectClass, string? label, byte[]? id)
    {
        var factory = Pkcs11Module.Factories.ObjectAttributeFactory;
        var template = new List<IObjectAttribute> { factory.Create(CKA.CKA_CLASS, objectClass) };
        if (label is not null)
        {
            template.Add(factory.Create(CKA.CKA_LABEL, label));
        }

        if (id is { Length: > 0 })
        {
            template.Add(factory.Create(CKA.CKA_ID, id));
        }

        try
        {
            return session.FindAllObjects(template);
        }
        finally
        {
            DisposeAll(template);
        }
    }

    /// <summary>
    /// The object of <paramref name="objectClass"/> that belongs with a key: by convention it has the key's
    /// <c>CKA_ID</c> (PKCS#11 v2.40 base §4.7 common key attributes: the id tells the objects of one key pair and its certificate apart), and
    /// usually its label. Best match first: id and label, id alone, label alone.
    /// </summary>
    public static IObjectHandle? FindLinked(ISession session, CKO objectClass, string label, byte[] id)
    {
        if (id.Length > 0)
        {
            var byBoth = Find(session, objectClass, label, id);
            if (byBoth.Count > 0)
            {
                return byBoth[0];
            }

            var byId = Find(session, objectClass, null, id);
            if (byId.Count > 0)
            {
                return byId[0];
            }
        }

        var byLabel = Find(session, objectClass, label, null);
        return byLabel.Count > 0 ? byLabel[0] : null;
    }

    /// <summary>The attributes asked for, in their order; values the token keeps to itself read as <see cref="Pkcs11Attribute.Unreadable"/>.</summary>
    public static Pkcs11Attribute[] Read(ISession session, IObjectHandle handle, params CKA[] types)
    {
        var values = session.GetAttributeValue(handle, [.. types]);
        try
        {
            return [.. values.Select(v => v.CannotBeRead ? Pkcs11Attribute.Unreadable : new Pkcs11Attribute(v.GetValueAsByteArray() ?? []))];
        }
        finally
        {
            DisposeAll(values);
        }
    }

    private static void DisposeAll(List<IObjectAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            attribute.Dispose();
        }
    }
}
